namespace Valkka.Bench;

public sealed record FailoverOptions
{
    public int Losses { get; init; } = 10;
    public int Cameras { get; init; } = 12;
    public int Fps { get; init; } = 25;
    public string Size { get; init; } = "320x180";
    /// <summary>Link cuts of <see cref="FailoverBlip.Cut"/> after the losses, each of which must down no one.</summary>
    public int Blips { get; init; }
    /// <summary>Busy-looping threads in the bench process for the whole run (CPU load against false downing).</summary>
    public int Hogs { get; init; }
}
