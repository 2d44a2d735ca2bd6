using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;
using Valkka.Actors.Topology;

namespace Valkka.Nodes.Control;

/// <summary>
/// The control API on the web server, over an <see cref="IDeploymentControl"/>: GET /api/status,
/// GET /api/topology (JSON, or ?format=hocon), PUT /api/topology (a whole topology in HOCON), and
/// PUT/DELETE /api/{cameras,clients,masters}/ID (a JSON object of the part's topology keys). Every change
/// is a new desired state applied as a whole (?dryRun=true only plans it); an invalid one changes nothing.
/// GET /api/topology answers with ETag "VERSION"; a change sent with If-Match of another version is refused (412).
/// </summary>
internal sealed partial class ControlApi(IDeploymentControl control)
{
    /// <summary>The file a whole topology sent with PUT /api/topology came from (its relative paths are resolved against it).</summary>
    public const string SourceHeader = "X-Valkka-Source";

    /// <summary>The largest request body the web server reads.</summary>
    public const long MaxBodyBytes = 1 << 20;

    private static readonly JsonSerializerOptions BodyWriting = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // Reading the desired state and applying its edit is one step: two edits at once must not lose one.
    private readonly SemaphoreSlim _editing = new(1, 1);

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex ValidId();

    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/status", () => ApplyAnswer.Json(StatusCodes.Status200OK, control.Status()));
        app.MapGet("/api/topology", (Func<HttpContext, IResult>)GetTopology);
        app.MapPut("/api/topology", (Func<HttpContext, Task<IResult>>)PutTopologyAsync);
        foreach (var part in TopologyPart.All)
        {
            app.MapPut($"/api/{part.Section}/{{id}}", (HttpContext http, string id) => PutPartAsync(http, part, id));
            app.MapDelete($"/api/{part.Section}/{{id}}", (HttpContext http, string id) => DeletePartAsync(http, part, id));
        }
    }

    private IResult GetTopology(HttpContext http)
    {
        var state = control.Current;
        http.Response.Headers[HeaderNames.ETag] = ETagOf(state.Version);
        return http.Request.Query["format"] == "hocon"
            ? Results.Content(state.Text, "text/plain; charset=utf-8")
            : ApplyAnswer.Json(StatusCodes.Status200OK, DesiredStateJson.Render(state));
    }

    private async Task<IResult> PutTopologyAsync(HttpContext http)
    {
        var text = await ReadBodyAsync(http).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(text))
            return ApplyAnswer.Errors([new TopologyError("valkka", "the body is empty: send the whole topology as HOCON text")]);
        // `valkka apply FILE` says which file it sent: relative paths in it are relative to that file.
        var source = http.Request.Headers[SourceHeader].FirstOrDefault();
        return await EditAsync(http, _ => text, string.IsNullOrWhiteSpace(source) ? null : source).ConfigureAwait(false);
    }

    private async Task<IResult> PutPartAsync(HttpContext http, TopologyPart part, string id)
    {
        if (IdProblem(part, id) is { } problem) return problem;
        var text = await ReadBodyAsync(http).ConfigureAwait(false);
        try
        {
            if (JsonNode.Parse(text) is not JsonObject obj)
                return ApplyAnswer.Errors([new TopologyError(part.PathOf(id),
                    $"expected a JSON object of the {part.Kind}'s keys (docs/topology.md), e.g. {{\"node\": \"...\", ...}}")]);
            text = obj.ToJsonString(BodyWriting);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
        {
            return ApplyAnswer.Errors([new TopologyError(part.PathOf(id), $"the body is not valid JSON: {e.Message}")]);
        }
        return await EditAsync(http, current => TopologyEdit.Replace(current, part, id, text)).ConfigureAwait(false);
    }

    private async Task<IResult> DeletePartAsync(HttpContext http, TopologyPart part, string id)
    {
        if (IdProblem(part, id) is { } problem) return problem;
        if (!part.Ids(control.Current.Topology).Contains(id))
            return ApplyAnswer.Errors([new TopologyError(part.PathOf(id), $"no {part.Kind} \"{id}\" in the desired state")], StatusCodes.Status404NotFound);
        return await EditAsync(http, current => TopologyEdit.Remove(current, part, id)).ConfigureAwait(false);
    }

    private async Task<IResult> EditAsync(HttpContext http, Func<string, string> edit, string? sourcePath = null)
    {
        var dryRun = bool.TryParse(http.Request.Query["dryRun"], out var d) && d;
        await _editing.WaitAsync(http.RequestAborted).ConfigureAwait(false);
        try
        {
            var current = control.Current;
            if (http.Request.Headers.IfMatch.ToString() is { Length: > 0 } wanted && wanted != "*" && wanted != ETagOf(current.Version))
                return ApplyAnswer.Errors([new TopologyError("valkka",
                    $"the desired state is at version {current.Version}, not {wanted} (If-Match): read it again (GET /api/topology)")],
                    StatusCodes.Status412PreconditionFailed);
            var outcome = await control.ApplyAsync(edit(current.Text), sourcePath, dryRun, http.RequestAborted).ConfigureAwait(false);
            return ApplyAnswer.From(outcome, dryRun, control.Current.Version);
        }
        finally
        {
            _editing.Release();
        }
    }

    private static IResult? IdProblem(TopologyPart part, string id) => ValidId().IsMatch(id)
        ? null
        : ApplyAnswer.Errors([new TopologyError(part.PathOf(id), $"\"{id}\" is not a valid {part.Kind} id (1-64 letters, digits, '-' or '_')")]);

    private static async Task<string> ReadBodyAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync(http.RequestAborted).ConfigureAwait(false);
    }

    private static string ETagOf(int version) => $"\"{version}\"";
}
