namespace Valkka.Nodes.Stats;

public sealed record ClientRow(string Id, long Analyzed, long Skipped, long Stale, long Results, double Fps)
{
    /// <summary>
    /// When the client read its counters (Unix ms; 0: not reported). The report's AtUnixMs is taken after
    /// every actor of the node answered, so it can be later by the slowest answer: time rates by this.
    /// </summary>
    public long AtUnixMs { get; init; }
    public long Forwarded { get; init; }
    public long MasterResults { get; init; }
    /// <summary>Frames announced and left out on purpose: not due at the rate the client asked for.</summary>
    public long SkippedForRate { get; init; }
    public IReadOnlyList<ClientCameraRow> PerCamera { get; init; } = [];
}
