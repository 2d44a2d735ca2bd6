using Valkka.Nodes.LiveView;
using Valkka.Nodes.Node;

namespace Valkka.Nodes.Launcher;

/// <summary>How `valkka run` runs a topology.</summary>
public sealed record RunOptions
{
    public required string File { get; init; }
    public bool InProcess { get; init; }
    public TimeSpan? Duration { get; init; }
    public string? SummaryJson { get; init; }
    public string? LogFile { get; init; }
    /// <summary>Show the live table (false when stdout is redirected or --no-table).</summary>
    public bool LiveTable { get; init; } = true;
    /// <summary>Ports given on the command line (--port NODE=PORT), and whether to pick free ones (--free-ports).</summary>
    public IReadOnlyDictionary<string, int> Ports { get; init; } = new Dictionary<string, int>();
    public bool FreePorts { get; init; }
    /// <summary>The nodes this machine runs (null: all); the others are expected on other machines.</summary>
    public IReadOnlyList<string>? LocalNodes { get; init; }
    /// <summary>Serve the live view (--web, or the topology's web key); null: none.</summary>
    public LiveView.LiveViewSettings? Web { get; init; }
    public TimeSpan StopGrace { get; init; } = TimeSpan.FromSeconds(15);
    /// <summary>--duration starts when every node reports, or after this long.</summary>
    public TimeSpan StartupTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
