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
}
