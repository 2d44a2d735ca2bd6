namespace Valkka.Nodes.Bench;

/// <summary>Settings of <c>valkka bench batching</c>.</summary>
public sealed record BatchingOptions
{
    public int Runs { get; init; } = 3;
    public int Cameras { get; init; } = 8;
    public int Seconds { get; init; } = 10;
}
