namespace Valkka.Chaos.Faults;

/// <summary>
/// What an injection did: its target, when the fault was over (recovery counts from there), what
/// went wrong while it lasted, and whether a node may die of it (a kill) or must not (everything else).
/// </summary>
public sealed record Injection(string Target, DateTimeOffset ClearedAt, IReadOnlyList<string> Problems, bool MayRestart)
{
    public string? SkippedBecause { get; init; }

    /// <summary>What the target node runs (camera, client or master), for kills.</summary>
    public string? TargetKind { get; init; }

    /// <summary>What an operator would do by hand when the topology did not recover (run before the reset's restarts).</summary>
    public Action? Cleanup { get; init; }

    /// <summary>Parts (ids) whose nodes a failed fault's reset restarts, besides those that do not flow.</summary>
    public IReadOnlySet<string> ResetParts { get; init; } = new HashSet<string>();

    public static Injection Skipped(string why) =>
        new("-", DateTimeOffset.UtcNow, [], MayRestart: false) { SkippedBecause = why };
}
