using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Valkka.Actors.Topology.Changes;

namespace Valkka.Nodes.Control;

/// <summary>The control API's endpoints over an <see cref="IDeploymentControl"/>, and how an apply's outcome is answered.</summary>
internal static class ControlEndpoints
{
    private const int MaxBody = 1 << 20;

    public static void Map(WebApplication app, IDeploymentControl control)
    {
        app.MapGet("/api/topology", (HttpRequest request) => request.Query["format"] == "hocon"
            ? Results.Text(control.Current.Text, "text/plain; charset=utf-8")
            : Results.Json(new { version = control.Current.Version, source = control.Current.SourcePath, topology = control.Current.Text }));
        app.MapGet("/api/status", () => Results.Text(control.Status().ToJsonString(), "application/json"));
        app.MapPut("/api/topology", async (HttpRequest request, CancellationToken cancel) =>
        {
            if (request.ContentLength > MaxBody) return Results.Json(Errors("body", $"larger than {MaxBody} bytes"), statusCode: 413);
            using var reader = new StreamReader(request.Body);
            var text = await reader.ReadToEndAsync(cancel).ConfigureAwait(false);
            var source = request.Headers[ControlSocketServer.SourceHeader].FirstOrDefault();
            var outcome = await control.ApplyAsync(text, source, request.Query["dryRun"] == "true", cancel).ConfigureAwait(false);
            return Answer(outcome);
        });
    }

    /// <summary>200 with the changes; 400 with each error's key path; 409 when the change cannot be made at run time.</summary>
    public static IResult Answer(ApplyOutcome outcome)
    {
        if (outcome.Errors.Count > 0)
            return Results.Json(new JsonObject { ["errors"] = new JsonArray(outcome.Errors.Select(e => (JsonNode)Error(e.Path, e.Message)).ToArray()) },
                statusCode: 400);
        var plan = outcome.Plan!;
        if (plan.Refused.Count > 0)
            return Results.Json(new JsonObject { ["refused"] = new JsonArray(plan.Refused.Select(r => (JsonNode)r).ToArray()) }, statusCode: 409);
        return Results.Json(new JsonObject
        {
            ["applied"] = outcome.Applied,
            ["changes"] = new JsonArray(plan.Changes.Select(Change).ToArray()),
            ["failures"] = new JsonArray(outcome.Failures.Select(f => (JsonNode)f).ToArray()),
        });
    }

    private static JsonNode Change(PlannedChange c) => new JsonObject
    {
        ["kind"] = c.Kind, ["id"] = c.Id, ["action"] = c.Action.ToString().ToLowerInvariant(), ["why"] = c.Why,
    };

    private static JsonObject Errors(string path, string message) => new() { ["errors"] = new JsonArray(Error(path, message)) };

    private static JsonObject Error(string path, string message) => new() { ["path"] = path, ["message"] = message };
}
