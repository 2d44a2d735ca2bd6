namespace Valkka.Bench;

/// <summary>One round of one variant: counters over the measured window.</summary>
public sealed record CrossHostSample(double Seconds, long Frames, long Expected, double CpuSecondsA, double CpuSecondsB, double CpuSecondsSource, long WireBytes)
{
    public double DeliveredShare => Expected > 0 ? (double)Frames / Expected : 0;
    public double WireBytesPerFrame => Frames > 0 ? (double)WireBytes / Frames : 0;
    public double WireBytesPerSecond => Seconds > 0 ? WireBytes / Seconds : 0;
    public double CpuMsPerFrameA => PerFrame(CpuSecondsA);
    public double CpuMsPerFrameB => PerFrame(CpuSecondsB);
    public double CpuMsPerFrameSource => PerFrame(CpuSecondsSource);

    private double PerFrame(double cpuSeconds) => Frames > 0 ? cpuSeconds * 1000 / Frames : 0;
}
