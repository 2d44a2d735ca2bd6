namespace Valkka.Bench;

/// <summary>Settings of <c>valkka bench latency</c>.</summary>
public sealed record LatencyOptions
{
    public int Runs { get; init; } = 5;
    public int Cameras { get; init; } = 16;
    public int Fps { get; init; } = 25;
    public int Seconds { get; init; } = 10;
    public int Width { get; init; } = 1280;
    public int Height { get; init; } = 720;
    public int Slots { get; init; } = 4;
    public int Wakeups { get; init; } = 2000;
}
