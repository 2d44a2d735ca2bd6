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

    public static string Format(ApplyRequest request) => RequestPrefix + JsonSerializer.Serialize(request, Options);

    public static string Format(ApplyReply reply) => ReplyPrefix + JsonSerializer.Serialize(reply, Options);

    public static bool TryParse(string? line, out ApplyRequest request) => TryParse(line, RequestPrefix, out request);

    public static bool TryParse(string? line, out ApplyReply reply) => TryParse(line, ReplyPrefix, out reply);

    private static bool TryParse<T>(string? line, string prefix, out T value) where T : class
    {
        value = null!;
        if (line is null || !line.StartsWith(prefix, StringComparison.Ordinal)) return false;
        try
        {
            value = JsonSerializer.Deserialize<T>(line.AsSpan(prefix.Length), Options)!;
            return value is not null;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
