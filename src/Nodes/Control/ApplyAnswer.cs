using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Valkka.Actors.Topology;

namespace Valkka.Nodes.Control;

/// <summary>
/// The HTTP answer to an apply: 400 with every error and its key path (nothing changed), 409 with why
/// a valid state cannot be applied at run time (nothing changed), else 200 with the changes and the parts
/// that failed to start.
/// </summary>
internal static class ApplyAnswer
{
    public static IResult From(ApplyOutcome outcome, bool dryRun, int version)
    {
        if (outcome.Errors.Count > 0) return Errors(outcome.Errors);
        var changes = new JsonArray((outcome.Plan?.Changes ?? []).Select(c => (JsonNode)new JsonObject
        {
            ["kind"] = c.Kind,
            ["id"] = c.Id,
            ["action"] = c.Action.ToString().ToLowerInvariant(),
            ["why"] = c.Why,
        }).ToArray());
        if (outcome.Plan is { Refused.Count: > 0 } refused)
            return Json(StatusCodes.Status409Conflict, new JsonObject
            {
                ["applied"] = false,
                ["refused"] = new JsonArray(refused.Refused.Select(r => (JsonNode)JsonValue.Create(r)).ToArray()),
                ["changes"] = changes,
            });
        return Json(StatusCodes.Status200OK, new JsonObject
        {
            ["applied"] = outcome.Applied,
            ["dryRun"] = dryRun,
            ["version"] = version,
            ["changes"] = changes,
            ["failures"] = new JsonArray(outcome.Failures.Select(f => (JsonNode)JsonValue.Create(f)).ToArray()),
        });
    }

    public static IResult Errors(IEnumerable<TopologyError> errors, int status = StatusCodes.Status400BadRequest) =>
        Json(status, new JsonObject
        {
            ["errors"] = new JsonArray(errors.Select(e => (JsonNode)new JsonObject { ["path"] = e.Path, ["message"] = e.Message }).ToArray()),
        });

    public static IResult Json(int status, JsonNode body) => Results.Content(body.ToJsonString(), "application/json", statusCode: status);
}
