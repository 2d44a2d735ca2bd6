namespace Valkka.Chaos.Soak;

/// <summary>How `valkka soak` runs: for how long, how often it samples, and from when growth counts.</summary>
public sealed record SoakOptions(string File)
{
    public TimeSpan Duration { get; init; } = TimeSpan.FromMinutes(30);
    public TimeSpan Interval { get; init; } = TimeSpan.FromMinutes(1);
    public TimeSpan Warmup { get; init; } = TimeSpan.FromMinutes(5);
    public string? JsonPath { get; init; }
    public string? LogPath { get; init; }
    public string? ValkkaDll { get; init; }
    /// <summary>Time between two churn steps (<see cref="SoakChurn"/>); null: no churn.</summary>
    public TimeSpan? Churn { get; init; }
}
