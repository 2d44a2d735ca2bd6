using System.Diagnostics;
using System.Runtime.InteropServices;
using Valkka.Actors.Analysis;

namespace Valkka.Bench;

/// <summary>
/// The latency benchmark's client analyzer: the camera stamped CLOCK_MONOTONIC (Stopwatch ticks,
/// one clock for all processes of the host) into the frame's first 8 bytes right before committing;
/// the time from that stamp to this call is one sample.
/// </summary>
public sealed class LatencyAnalyzer(LatencySamples samples) : IFrameAnalyzer
{
    public IAnalysisResult? Analyze(in FrameView frame, IClientContext context)
    {
        long now = Stopwatch.GetTimestamp();
        long stamp = MemoryMarshal.Read<long>(frame.Pixels);
        samples.Add(Stopwatch.GetElapsedTime(stamp, now).TotalMicroseconds);
        return null;
    }
}

/// <summary>The samples of every client of a process (clients run on several dispatcher threads).</summary>
public sealed class LatencySamples
{
    private readonly List<double> _us = new(1 << 16);
    private volatile bool _recording;
    private long _startTicks;

    /// <summary>How long the last Start..Stop window lasted: the frames due in it bound the sample count.</summary>
    public double WindowSeconds { get; private set; }

    public void Add(double us)
    {
        if (!_recording) return;
        lock (_us) _us.Add(us);
    }

    public void Start()
    {
        lock (_us) _us.Clear();
        _startTicks = Stopwatch.GetTimestamp();
        _recording = true;
    }

    public double[] Stop()
    {
        _recording = false;
        WindowSeconds = Stopwatch.GetElapsedTime(_startTicks).TotalSeconds;
        lock (_us) return _us.ToArray();
    }
}
