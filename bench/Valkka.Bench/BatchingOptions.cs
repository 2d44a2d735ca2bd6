namespace Valkka.Bench;

/// <summary>Settings of <c>valkka bench batching</c>.</summary>
public sealed record BatchingOptions
{
    public int Runs { get; init; } = 3;
    public int Cameras { get; init; } = 8;
    public int Seconds { get; init; } = 10;
    public int Fps { get; init; } = 25;
    public int Width { get; init; } = 1280;
    public int Height { get; init; } = 720;
    /// <summary>The master's MaxWait: how long the oldest request may wait for a batch to fill.</summary>
    public int MaxWaitMs { get; init; } = 10;
}
