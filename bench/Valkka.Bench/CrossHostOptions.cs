namespace Valkka.Bench;

public sealed record CrossHostOptions
{
    public int Runs { get; init; } = 3;
    public int Cameras { get; init; } = 4;
    public int Seconds { get; init; } = 10;
    public int WarmupSeconds { get; init; } = 3;
    public int ClipSeconds { get; init; } = 30;
    /// <summary>Null: every variant; otherwise the names of <see cref="CrossHostVariant.All"/> to run.</summary>
    public IReadOnlyList<string>? Variants { get; init; }
}
