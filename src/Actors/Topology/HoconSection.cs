using System.Globalization;
using Akka.Configuration;
using Akka.Configuration.Hocon;

namespace Valkka.Actors.Topology;

/// <summary>
/// One HOCON object being read for the topology: typed getters that record an error (with the
/// key's full path) instead of throwing, so that every problem of a file is reported at once.
/// </summary>
internal sealed class HoconSection(string path, HoconObject obj, List<TopologyError> errors)
{
    public string Path { get; } = path;
    public IReadOnlyDictionary<string, HoconValue> Items => obj.Items;

    public string PathOf(string key) => Path + "." + key;

    public void Error(string key, string message) => errors.Add(new TopologyError(PathOf(key), message));

    /// <summary>Reports every key that is not one of known.</summary>
    public void RejectUnknownKeys(params string[] known)
    {
        foreach (var (key, value) in obj.Items)
            if (Array.IndexOf(known, key) < 0 && !IsNull(value))
                Error(key, $"unknown key (known keys: {string.Join(", ", known)})");
    }

    public bool Has(string key) => TryGetValue(key, out _);

    // A key set to null is absent, as HOCON's hasPath says: a later `key = null` undoes an earlier value.
    private bool TryGetValue(string key, out HoconValue value) => obj.Items.TryGetValue(key, out value!) && !IsNull(value);

    public string? String(string key, bool required)
    {
        if (!TryGetValue(key, out var value))
        {
            if (required) Error(key, "missing required key");
            return null;
        }
        if (!value.IsString())
        {
            Error(key, $"expected a string, got {Describe(value)}");
            return null;
        }
        var text = value.GetString();
        if (string.IsNullOrWhiteSpace(text))
        {
            Error(key, "must not be empty");
            return null;
        }
        return text;
    }

    public int Int(string key, int defaultValue, int min, int max)
    {
        if (!TryGetValue(key, out var value)) return defaultValue;
        if (value.IsString() && int.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
            && n >= min && n <= max)
            return n;
        Error(key, $"expected an integer from {min} to {max}, got {Describe(value)}");
        return defaultValue;
    }

    /// <summary>A number above 0 (e.g. a frame rate: 5, 0.5); null when absent.</summary>
    public double? PositiveNumber(string key)
    {
        if (!TryGetValue(key, out var value)) return null;
        if (value.IsString() && double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var x)
            && x > 0 && double.IsFinite(x))
            return x;
        Error(key, $"expected a number above 0 (e.g. 5 or 0.5), got {Describe(value)}");
        return null;
    }

    /// <summary>An integer, or the word given by noneWord (e.g. "forever") for null.</summary>
    public int? OptionalInt(string key, string noneWord, int min, int max)
    {
        if (!TryGetValue(key, out var value)) return null;
        if (value.IsString())
        {
            var text = value.GetString();
            if (text == noneWord) return null;
            if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max)
                return n;
        }
        Error(key, $"expected an integer from {min} to {max} or {noneWord}, got {Describe(value)}");
        return null;
    }

    public bool Bool(string key, bool defaultValue)
    {
        if (!TryGetValue(key, out var value)) return defaultValue;
        if (value.IsString())
            switch (value.GetString())
            {
                case "true" or "on" or "yes": return true;
                case "false" or "off" or "no": return false;
            }
        Error(key, $"expected true or false, got {Describe(value)}");
        return defaultValue;
    }

    public TimeSpan Duration(string key, TimeSpan defaultValue, TimeSpan min, TimeSpan max)
    {
        if (!TryGetValue(key, out var value)) return defaultValue;
        if (value.IsString())
        {
            try
            {
                var span = value.GetTimeSpan();
                if (span >= min && span <= max) return span;
            }
            catch (FormatException) { }
            catch (OverflowException) { }
        }
        Error(key, $"expected a duration from {Format(min)} to {Format(max)} (e.g. 500ms, 5s), got {Describe(value)}");
        return defaultValue;
    }

    public HoconSection? Object(string key, bool required)
    {
        if (!TryGetValue(key, out var value))
        {
            if (required) Error(key, "missing required key");
            return null;
        }
        if (!value.IsObject())
        {
            Error(key, $"expected an object {{ ... }}, got {Describe(value)}");
            return null;
        }
        return new HoconSection(PathOf(key), value.GetObject(), errors);
    }

    /// <summary>The value of key as a Config (e.g. an analyzer's free-form settings); empty when absent.</summary>
    public Config Config(string key)
    {
        if (!TryGetValue(key, out var value)) return ConfigurationFactory.Empty;
        if (!value.IsObject())
        {
            Error(key, $"expected an object {{ ... }}, got {Describe(value)}");
            return ConfigurationFactory.Empty;
        }
        return new Config(new HoconRoot(value));
    }

    /// <summary>A list of strings; a single string is taken as a list of one.</summary>
    public IReadOnlyList<string>? StringList(string key, bool required)
    {
        if (!TryGetValue(key, out var value))
        {
            if (required) Error(key, "missing required key");
            return null;
        }
        if (value.IsString()) return [value.GetString()];
        if (!value.IsArray())
        {
            Error(key, $"expected a list of names, e.g. [a, b], got {Describe(value)}");
            return null;
        }
        var result = new List<string>();
        var items = value.GetArray();
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].IsString()) result.Add(items[i].GetString());
            else errors.Add(new TopologyError($"{PathOf(key)}[{i}]", $"expected a name, got {Describe(items[i])}"));
        }
        return result;
    }

    /// <summary>
    /// Every key of this object whose value is itself an object (a keyed map of definitions). A key whose
    /// value is null is absent: a later <c>cameras.cam3 = null</c> removes cam3 (an override file, the control API).
    /// </summary>
    public IEnumerable<(string Key, HoconSection Section)> Children()
    {
        foreach (var (key, value) in obj.Items)
        {
            if (IsNull(value)) continue;
            if (value.IsObject()) yield return (key, new HoconSection(PathOf(key), value.GetObject(), errors));
            else Error(key, $"expected an object {{ ... }}, got {Describe(value)}");
        }
    }

    // Akka's HOCON reads null as a literal whose string is null (and, as HOCON says, a later object
    // assigned to the key then starts afresh instead of merging with the one before the null).
    private static bool IsNull(HoconValue value) => !value.IsObject() && !value.IsArray() && value.IsString() && value.GetString() is null;

    public static string Describe(HoconValue value)
    {
        if (value.IsObject()) return "an object";
        if (value.IsArray()) return "a list";
        if (value.IsString()) return "\"" + value.GetString() + "\"";
        return "an empty value";
    }

    private static string Format(TimeSpan t) =>
        t.TotalSeconds >= 1 && t.TotalSeconds == Math.Floor(t.TotalSeconds)
            ? $"{t.TotalSeconds:0}s"
            : $"{t.TotalMilliseconds:0}ms";
}
