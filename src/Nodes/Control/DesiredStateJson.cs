using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Akka.Configuration;
using Akka.Configuration.Hocon;

namespace Valkka.Nodes.Control;

/// <summary>
/// A desired state as JSON: its version and the keys of its valkka object as written (nodes, cameras,
/// clients, masters and the rest), ids set to null left out. HOCON keeps every value as text: numbers and
/// true/false become JSON numbers and booleans, everything else strings.
/// </summary>
internal static partial class DesiredStateJson
{
    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$")]
    private static partial Regex JsonNumber();

    public static JsonObject Render(DesiredState state)
    {
        var root = ConfigurationFactory.ParseString(state.Text).Root.GetObject();
        var json = new JsonObject { ["version"] = state.Version };
        if (root.Items.TryGetValue("valkka", out var valkka) && valkka.IsObject())
            foreach (var (key, value) in valkka.GetObject().Items)
                if (Convert(value) is { } node) json[key] = node;
        return json;
    }

    private static JsonNode? Convert(HoconValue value)
    {
        if (value.IsObject())
        {
            var obj = new JsonObject();
            foreach (var (key, item) in value.GetObject().Items)
                if (Convert(item) is { } node) obj[key] = node;
            return obj;
        }
        if (value.IsArray())
            return new JsonArray(value.GetArray().Select(Convert).ToArray());
        var text = value.IsString() ? value.GetString() : null;
        if (text is null) return null;
        if (text is "true" or "false") return JsonValue.Create(text == "true");
        if (JsonNumber().IsMatch(text) && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            return JsonValue.Create(number);
        return JsonValue.Create(text);
    }
}
