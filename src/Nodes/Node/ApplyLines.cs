using System.Text.Json;
using System.Text.Json.Serialization;

namespace Valkka.Nodes.Node;

/// <summary>
/// The change protocol between the launcher and a node process, beside the stats lines: a request is one
/// line on the node's stdin, "@valkka-apply " and the request as JSON; the answer one line on its stdout,
/// "@valkka-applied " and the reply as JSON.
/// </summary>
public static class ApplyLines
{
    public const string RequestPrefix = "@valkka-apply ";
    public const string ReplyPrefix = "@valkka-applied ";

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static string Format(ApplyRequest request) => JsonLines.Format(RequestPrefix, request, Options);

    public static string Format(ApplyReply reply) => JsonLines.Format(ReplyPrefix, reply, Options);

    public static bool TryParse(string? line, out ApplyRequest request) => JsonLines.TryParse(line, RequestPrefix, Options, out request);

    public static bool TryParse(string? line, out ApplyReply reply) => JsonLines.TryParse(line, ReplyPrefix, Options, out reply);
}
