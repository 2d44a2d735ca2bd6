using System.Text.Json;

namespace Valkka.Nodes.Stats;

/// <summary>
/// The stats protocol between a node process and the launcher: one line on stdout per report,
/// "@valkka-stats " followed by the report as JSON. Every other line of a node's output is a log line.
/// </summary>
public static class StatsLine
{
    public const string Prefix = "@valkka-stats ";

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Format(NodeReport report) => Prefix + JsonSerializer.Serialize(report, Options);

    public static bool TryParse(string? line, out NodeReport report)
    {
        report = null!;
        if (line is null || !line.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        try
        {
            report = JsonSerializer.Deserialize<NodeReport>(line.AsSpan(Prefix.Length), Options)!;
            return report is not null;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
