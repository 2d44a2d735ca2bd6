using Valkka.Actors.Analysis;

namespace Valkka.Samples;

/// <summary>Range checks over <see cref="AnalyzerSettings"/>, naming the key when a value is out of range.</summary>
internal static class Settings
{
    public static int PositiveInt(AnalyzerSettings c, string key, int fallback, int min = 1)
    {
        var value = c.GetInt(key, fallback);
        if (value < min)
            throw new ArgumentException($"setting '{key}' must be >= {min}, got {value}");
        return value;
    }

    public static double Double(AnalyzerSettings c, string key, double fallback, double min, double max)
    {
        var value = c.GetDouble(key, fallback);
        if (value < min || value > max)
            throw new ArgumentException($"setting '{key}' must be within {min}..{max}, got {value}");
        return value;
    }

    public static string? String(AnalyzerSettings c, string key) => c.Has(key) ? c.GetString(key, "") : null;
}
