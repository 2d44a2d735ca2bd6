using Akka.Configuration;

namespace Valkka.Samples;

/// <summary>Reads analyzer settings from HOCON with defaults, and names the key when a value is bad.</summary>
internal static class Settings
{
    public static Config OrEmpty(Config? settings) => settings ?? Config.Empty;

    public static int PositiveInt(Config c, string key, int fallback, int min = 1)
    {
        var value = c.HasPath(key) ? ReadInt(c, key) : fallback;
        if (value < min)
            throw new ArgumentException($"setting '{key}' must be >= {min}, got {value}");
        return value;
    }

    public static double Double(Config c, string key, double fallback, double min, double max)
    {
        double value;
        try { value = c.HasPath(key) ? c.GetDouble(key) : fallback; }
        catch (Exception e) when (e is FormatException or ConfigurationException)
        { throw new ArgumentException($"setting '{key}' is not a number: {e.Message}", e); }
        if (double.IsNaN(value) || value < min || value > max)
            throw new ArgumentException($"setting '{key}' must be within {min}..{max}, got {value}");
        return value;
    }

    public static bool Bool(Config c, string key, bool fallback)
    {
        try { return c.HasPath(key) ? c.GetBoolean(key) : fallback; }
        catch (Exception e) when (e is FormatException or ConfigurationException)
        { throw new ArgumentException($"setting '{key}' is not a boolean: {e.Message}", e); }
    }

    public static string? String(Config c, string key) => c.HasPath(key) ? c.GetString(key) : null;

    private static int ReadInt(Config c, string key)
    {
        try { return c.GetInt(key); }
        catch (Exception e) when (e is FormatException or ConfigurationException or OverflowException)
        { throw new ArgumentException($"setting '{key}' is not an integer: {e.Message}", e); }
    }
}
