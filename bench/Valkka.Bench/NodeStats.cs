using Valkka.Nodes.Stats;

namespace Valkka.Bench;

/// <summary>What the bench reads from a valkka node's <c>@valkka-stats</c> lines.</summary>
public static class NodeStats
{
    /// <summary>Frames the node's clients analyzed so far, or null for a line that is not a stats line.</summary>
    public static long? Analyzed(string line) => StatsLine.TryParse(line, out var report) ? report.Clients.Sum(c => c.Analyzed) : null;

    /// <summary>Cameras of the node that are streaming, or null for a line that is not a stats line.</summary>
    public static int? CamerasRunning(string line) =>
        StatsLine.TryParse(line, out var report) ? report.Cameras.Count(c => c.Status == "streaming") : null;
}
