namespace Valkka.TestSupport;

/// <summary>Prometheus's own checker (Debian package prometheus): `promtool check metrics` lints an exposition.</summary>
public static class Promtool
{
    /// <summary>promtool's findings on exposition (text format); empty when it passes.</summary>
    public static string CheckMetrics(string exposition)
    {
        using var dir = new TempDirectory();
        var file = dir.File("metrics.txt");
        File.WriteAllText(file, exposition);
        var result = ChildProcess.Run("bash", ["-c", "promtool check metrics < \"$1\"", "promtool", file], TimeSpan.FromMinutes(1));
        return result.ExitCode == 0 ? "" : $"exit code {result.ExitCode}: {result.Output}{result.Errors}".Trim();
    }
}
