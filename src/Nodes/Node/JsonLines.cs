using System.Text.Json;

namespace Valkka.Nodes.Node;

/// <summary>One record as one line between a launcher and its node processes: a prefix, then the record as JSON.</summary>
internal static class JsonLines
{
    public static string Format<T>(string prefix, T value, JsonSerializerOptions options) => prefix + JsonSerializer.Serialize(value, options);

    public static bool TryParse<T>(string? line, string prefix, JsonSerializerOptions options, out T value) where T : class
    {
        value = null!;
        if (line is null || !line.StartsWith(prefix, StringComparison.Ordinal)) return false;
        try
        {
            value = JsonSerializer.Deserialize<T>(line.AsSpan(prefix.Length), options)!;
            return value is not null;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
