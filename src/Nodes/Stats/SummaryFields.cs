using System.Text.Json;
using System.Text.Json.Nodes;
using Valkka.Media.Sources;

namespace Valkka.Nodes.Stats;

/// <summary>
/// A report row as the summary JSON shows it: every field by its camelCase name (counters summed over the
/// node's incarnations, the rest as last reported), numbers rounded to 3 decimals, any URL's credentials
/// masked; the id (the key it is filed under) and nested lists left out.
/// </summary>
public static class SummaryFields
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static JsonObject Of<T>(T row, string node)
    {
        var json = JsonSerializer.SerializeToNode(row, Options)!.AsObject();
        json.Remove("id");
        foreach (var (key, value) in json.ToList())
        {
            if (value is JsonArray) json.Remove(key);
            else if (value is JsonValue v && v.TryGetValue<double>(out var d) && !v.TryGetValue<long>(out _)) json[key] = Math.Round(d, 3);
            else if (value is JsonValue s && s.TryGetValue<string>(out var text)) json[key] = CameraUrl.Masked(text);
        }
        json["node"] = node;
        return json;
    }
}
