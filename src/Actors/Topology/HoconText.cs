using System.Collections;
using System.Globalization;
using System.Text;

namespace Valkka.Actors.Topology;

/// <summary>
/// Values written as HOCON text for <see cref="TopologyBuilder"/>. Every string and key is quoted (a URL's
/// "//" would start a comment, "${" a substitution, a "." in a key a path), with JSON's escapes, which
/// HOCON's quoted strings share.
/// </summary>
internal static class HoconText
{
    public static string Quote(string text)
    {
        var quoted = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': quoted.Append("\\\""); break;
                case '\\': quoted.Append("\\\\"); break;
                case '\n': quoted.Append("\\n"); break;
                case '\r': quoted.Append("\\r"); break;
                case '\t': quoted.Append("\\t"); break;
                case < ' ': quoted.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"); break;
                default: quoted.Append(c); break;
            }
        }
        return quoted.Append('"').ToString();
    }

    /// <summary>
    /// The HOCON of value: strings, booleans, numbers, durations (TimeSpan), lists and string-keyed
    /// dictionaries (objects); the problem instead when it is none of these (path names it in the error).
    /// </summary>
    public static string? TryWrite(object? value, string path, List<TopologyError> errors) => value switch
    {
        null => "null",
        string s => Quote(s),
        bool b => b ? "true" : "false",
        int or long or short or byte or sbyte or uint or ulong or ushort => Convert.ToString(value, CultureInfo.InvariantCulture),
        double d when double.IsFinite(d) => d.ToString("R", CultureInfo.InvariantCulture),
        float f when float.IsFinite(f) => f.ToString("R", CultureInfo.InvariantCulture),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        TimeSpan t when t >= TimeSpan.Zero && t.Ticks % TimeSpan.TicksPerMillisecond == 0 => Quote($"{t.Ticks / TimeSpan.TicksPerMillisecond}ms"),
        TimeSpan => Fail(errors, path, $"a duration in a topology is whole milliseconds, 0 or more, got {value}"),
        Enum e => Quote(e.ToString().ToLowerInvariant()),
        IEnumerable<KeyValuePair<string, object?>> map => WriteObject(map, path, errors),
        IDictionary map => WriteObject(map.Keys.Cast<object>().Select(k => new KeyValuePair<string, object?>(k.ToString()!, map[k])), path, errors),
        IEnumerable list => WriteList(list, path, errors),
        _ => Fail(errors, path, $"cannot write a {value.GetType().Name} into a topology (use a string, number, bool, TimeSpan, list or dictionary)"),
    };

    public static string? WriteObject(IEnumerable<KeyValuePair<string, object?>> keys, string path, List<TopologyError> errors)
    {
        // A key set to null is absent in a topology, so it is left out.
        var items = keys.Where(kv => kv.Value is not null).Select(kv => $"{Quote(kv.Key)} = {TryWrite(kv.Value, $"{path}.{kv.Key}", errors)}").ToList();
        return items.Count == 0 ? "{}" : "{ " + string.Join("\n", items) + " }";
    }

    private static string WriteList(IEnumerable list, string path, List<TopologyError> errors) =>
        "[" + string.Join(", ", list.Cast<object?>().Select((item, i) => TryWrite(item, $"{path}[{i}]", errors))) + "]";

    private static string? Fail(List<TopologyError> errors, string path, string message)
    {
        errors.Add(new TopologyError(path, message));
        return null;
    }
}
