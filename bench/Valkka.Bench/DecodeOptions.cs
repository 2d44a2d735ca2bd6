namespace Valkka.Bench;

/// <summary>Settings of <c>valkka bench decode</c>.</summary>
public sealed record DecodeOptions
{
    public int Runs { get; init; } = 3;
    public int Start { get; init; } = 4;
    public int Step { get; init; } = 4;
    public int Max { get; init; } = 64;
    public int Seconds { get; init; } = 20;
    public int ClipSeconds { get; init; } = 20;
    public string? Clip { get; init; }
    /// <summary>"first-row" (default, next to no work) or an analyzer type name, e.g. "Valkka.Samples.MotionDetectorAnalyzer, Valkka.Samples".</summary>
    public string Analyzer { get; init; } = DecodeScaling.LightAnalyzer;
    /// <summary>Clients' credit: 4, as in hocon/main3.conf, so a client descheduled for ~100 ms on a busy host catches up instead of skipping.</summary>
    public int Credit { get; init; } = 4;
    /// <summary>Frames a second each client asks for (the topology key fps); null: every frame.</summary>
    public double? Fps { get; init; }
    /// <summary>The generated clip's shape (<see cref="ClipShape"/>).</summary>
    public ClipShape Shape { get; init; } = ClipShape.Gop50BFrames;
    /// <summary>The decoder before readers could ask for a rate: every frame decoded and converted; clients leave out what they do not want.</summary>
    public bool DecodeEverything { get; init; }
    /// <summary>One client node for every camera (main1's shape) instead of one client node per camera (main2's).</summary>
    public bool OneClientNode { get; init; }

    /// <summary>Frames a second each client gets of a 25 fps camera.</summary>
    public double DeliveredFps => Math.Min(Fps ?? 25, 25);
}
