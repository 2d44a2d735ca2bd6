using System.Globalization;
using Akka.Configuration;
using Akka.Configuration.Hocon;

namespace Valkka.Actors.Analysis;

/// <summary>
/// An analyzer's own settings: the topology's <c>analyzer.settings</c> block (HOCON underneath).
/// Each getter returns the default when the key is absent and throws <see cref="AnalyzerSettingsException"/>
/// naming the key when its value is not of the asked type. Keys are HOCON paths ("model.size").
/// </summary>
public sealed class AnalyzerSettings
{
    private readonly Config _config;

    /// <summary>Settings over a parsed HOCON block (hosts that build actors in code; analyzers never need this).</summary>
    internal AnalyzerSettings(Config? config) => _config = config ?? Config.Empty;

    public static AnalyzerSettings Empty { get; } = new(Config.Empty);

    /// <summary>Settings from HOCON text, e.g. <c>AnalyzerSettings.Parse("threshold = 0.1")</c> in a unit test.</summary>
    public static AnalyzerSettings Parse(string hocon)
    {
        try { return new AnalyzerSettings(ConfigurationFactory.ParseString(hocon)); }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new AnalyzerSettingsException($"analyzer settings are not valid HOCON: {e.Message}", e);
        }
    }

    public bool Has(string key) => !_config.IsEmpty && _config.HasPath(key);

    public string GetString(string key, string defaultValue) =>
        Scalar(key) is { } value ? value.GetString() : defaultValue;

    public int GetInt(string key, int defaultValue) =>
        Scalar(key) is { } value ? Parse(key, value, "an integer", s => (int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n), n)) : defaultValue;

    public long GetLong(string key, long defaultValue) =>
        Scalar(key) is { } value ? Parse(key, value, "an integer", s => (long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n), n)) : defaultValue;

    public double GetDouble(string key, double defaultValue) =>
        Scalar(key) is { } value ? Parse(key, value, "a number", s => (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && double.IsFinite(x), x)) : defaultValue;

    public bool GetBool(string key, bool defaultValue) =>
        Scalar(key) is { } value ? Parse(key, value, "true or false", s => s switch { "true" or "on" or "yes" => (true, true), "false" or "off" or "no" => (true, false), _ => (false, false) }) : defaultValue;

    /// <summary>A duration such as 20ms, 2s or 1m.</summary>
    public TimeSpan GetDuration(string key, TimeSpan defaultValue)
    {
        if (Scalar(key) is not { } value) return defaultValue;
        try { return value.GetTimeSpan(); }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException or NotSupportedException)
        {
            throw Wrong(key, "a duration (e.g. 20ms, 2s)", value);
        }
    }

    public IReadOnlyList<string> GetStringList(string key, IReadOnlyList<string> defaultValue)
    {
        if (Value(key) is not { } value) return defaultValue;
        if (!value.IsArray()) throw Wrong(key, "a list of strings", value);
        return [.. value.GetStringList()];
    }

    /// <summary>The block at key (empty when absent).</summary>
    public AnalyzerSettings Section(string key)
    {
        if (Value(key) is not { } value) return Empty;
        if (!value.IsObject()) throw Wrong(key, "a block { ... }", value);
        return new AnalyzerSettings(_config.GetConfig(key));
    }

    public override string ToString() => _config.IsEmpty ? "{}" : _config.Root.ToString();

    private HoconValue? Value(string key)
    {
        if (!Has(key)) return null;
        var value = _config.GetValue(key);
        return value is null || value.IsEmpty ? null : value;
    }

    private HoconValue? Scalar(string key)
    {
        if (Value(key) is not { } value) return null;
        if (!value.IsString()) throw Wrong(key, "a single value", value);
        return value;
    }

    private static T Parse<T>(string key, HoconValue value, string expected, Func<string, (bool Ok, T Value)> parse)
    {
        var (ok, result) = parse(value.GetString());
        return ok ? result : throw Wrong(key, expected, value);
    }

    private static AnalyzerSettingsException Wrong(string key, string expected, HoconValue value) =>
        new($"analyzer setting \"{key}\": expected {expected}, got {Describe(value)}");

    private static string Describe(HoconValue value) =>
        value.IsObject() ? "a block" : value.IsArray() ? "a list" : $"\"{value.GetString()}\"";
}
