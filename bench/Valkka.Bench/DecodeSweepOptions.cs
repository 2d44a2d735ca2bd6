namespace Valkka.Bench;

/// <summary>Settings of <c>valkka bench decode-sweep</c>: every case of issue 16 in one run, each searched for its largest clean N.</summary>
public sealed record DecodeSweepOptions
{
    public IReadOnlyList<ClipShape> Shapes { get; init; } = [ClipShape.Gop25, ClipShape.Gop50, ClipShape.Gop50BFrames];
    public IReadOnlyList<int> Rates { get; init; } = [1, 5, 25];
    /// <summary>Seconds measured at each step (after the warm-up).</summary>
    public int StepSeconds { get; init; } = 6;
    public int WarmupSeconds { get; init; } = DecodeStep.DefaultWarmupSeconds;
    /// <summary>A case starts no new step after this many seconds; it reports the largest clean N found so far.</summary>
    public int CaseSeconds { get; init; } = 90;
    /// <summary>The search never tries more cameras than this.</summary>
    public int Max { get; init; } = 320;
    /// <summary>First N of each case; 0: half of what the ffmpeg CLI's CPU per frame would allow on all cores.</summary>
    public int Start { get; init; }
    /// <summary>Factor N grows by until a step is not clean.</summary>
    public double Growth { get; init; } = 1.5;
    /// <summary>Bisection stops when the smallest unclean N is within this share above the largest clean one.</summary>
    public double Precision { get; init; } = 0.1;
    public int FfmpegRuns { get; init; } = 3;
    public int ClipSeconds { get; init; } = 20;
    public int Credit { get; init; } = 4;
    /// <summary>Ring slots of a camera whose clients ask for every frame (before, or 25 fps).</summary>
    public int RingSlots { get; init; } = 4;
    /// <summary>Ring slots of a camera whose clients ask for 5 fps or less: its frames are 200 ms or more apart.</summary>
    public int SlowRingSlots { get; init; } = 3;
}
