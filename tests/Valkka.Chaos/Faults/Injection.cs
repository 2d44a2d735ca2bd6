namespace Valkka.Chaos.Faults;

/// <summary>
/// What an injection did: its target, when the fault was over (recovery counts from there), what
/// went wrong while it lasted, and whether a node may die of it (a kill) or must not (everything else).
/// </summary>
public sealed record Injection(string Target, DateTimeOffset ClearedAt, IReadOnlyList<string> Problems, bool MayRestart)
{
    public string? SkippedBecause { get; init; }

    public static Injection Skipped(string why) =>
        new("-", DateTimeOffset.UtcNow, [], MayRestart: false) { SkippedBecause = why };
}
