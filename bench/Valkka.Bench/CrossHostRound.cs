using System.Diagnostics;
using Valkka.TestSupport;

namespace Valkka.Bench;

/// <summary>
/// One round of one cross-host variant: starts its processes, waits for its first frames and the
/// warm-up, measures frames delivered, CPU of its processes on A and on B (/proc/PID/stat) and bytes
/// on A's link (/proc/net/dev of A's namespace) over the window, and stops them.
/// </summary>
public sealed class CrossHostRound : IDisposable
{
    private static readonly TimeSpan FirstFrameTimeout = TimeSpan.FromSeconds(180);
    private readonly CrossHostHosts _hosts;
    private readonly CrossHostVariant _variant;
    private readonly List<ChildProcess> _started = [];
    private readonly List<ChildProcess> _onA = [];
    private readonly List<ChildProcess> _onB = [];
    private ChildProcess? _source;
    private ChildProcess _counter = null!;
    private Func<string, long?> _count = NodeStats.Analyzed;

    private CrossHostRound(CrossHostHosts hosts, CrossHostVariant variant)
    {
        _hosts = hosts;
        _variant = variant;
    }

    public static CrossHostSample Run(CrossHostHosts hosts, CrossHostVariant variant, int cameras, int warmupSeconds, int seconds)
    {
        using var round = new CrossHostRound(hosts, variant);
        round.Start();
        round.WaitForFrames();
        Thread.Sleep(TimeSpan.FromSeconds(warmupSeconds));
        var (t0, frames0, a0, b0, s0, net0) = round.Read();
        Thread.Sleep(TimeSpan.FromSeconds(seconds));
        var (t1, frames1, a1, b1, s1, net1) = round.Read();
        double elapsed = (t1 - t0) / (double)Stopwatch.Frequency;
        return new CrossHostSample(elapsed, frames1 - frames0, (long)Math.Round(cameras * variant.Fps * elapsed), a1 - a0, b1 - b0, s1 - s0, net1 - net0);
    }

    private void Start()
    {
        switch (_variant.Kind)
        {
            case CrossHostKind.Relay:
                _onA.Add(_hosts.Cameras);
                _counter = Started(_hosts.StartNode(_variant.Node), _onB);
                break;
            case CrossHostKind.Local:
                _onA.Add(_hosts.Cameras);
                _counter = Started(_hosts.StartNode(_variant.Node), _onA);
                break;
            case CrossHostKind.SecondRtsp:
                _source = Started(_hosts.StartRtspServer(), []);
                _counter = Started(_hosts.StartNode(_variant.Node), _onB);
                break;
            case CrossHostKind.RawRgb or CrossHostKind.Jpeg:
                _onA.Add(_hosts.Cameras);
                _counter = Started(_hosts.StartReceiver(), _onB);
                _count = FrameReceiver.Frames;
                Started(_hosts.StartNode(_variant.Node), _onA);
                break;
        }
    }

    private ChildProcess Started(ChildProcess process, List<ChildProcess> host)
    {
        _started.Add(process);
        host.Add(process);
        return process;
    }

    private void WaitForFrames() =>
        _counter.WaitForLine(l => _count(l) > 0, FirstFrameTimeout, $"the first frames of variant {_variant.Name}");

    /// <summary>At the moment a fresh count line arrives: (time, frames, CPU s on A, on B, of the source, bytes on A's link).</summary>
    private (long, long, double, double, double, long) Read()
    {
        long frames = NextCount();
        long t = Stopwatch.GetTimestamp();
        return (t, frames, Cpu(_onA), Cpu(_onB), _source is null ? 0 : Cpu([_source]), NetDevCounters.Bytes(_hosts.Cameras.Pid, CrossHostHosts.Device));
    }

    /// <summary>The count of the first count line printed after this call (the processes print one a second).</summary>
    private long NextCount()
    {
        int seen = _counter.Lines.Count;
        var deadline = Stopwatch.GetTimestamp() + 10 * Stopwatch.Frequency;
        while (Stopwatch.GetTimestamp() < deadline)
        {
            var lines = _counter.Lines;
            for (int i = seen; i < lines.Count; i++)
                if (_count(lines[i]) is { } count) return count;
            seen = lines.Count;
            if (_counter.HasExited) break;
            Thread.Sleep(20);
        }
        throw new InvalidOperationException($"{_counter} printed no count for 10 s in variant {_variant.Name}; last output:\n{_counter.Tail()}");
    }

    private double Cpu(IEnumerable<ChildProcess> processes) =>
        processes.Sum(p => (CpuClock.OfProcess(p.Pid)
            ?? throw new InvalidOperationException($"{p} of variant {_variant.Name} is gone; last output:\n{p.Tail()}")).TotalSeconds);

    public void Dispose()
    {
        foreach (var p in _started) p.Terminate();
        foreach (var p in _started)
        {
            try { p.WaitForExit(TimeSpan.FromSeconds(30)); }
            catch (TimeoutException) { }
            p.Dispose();
        }
    }
}
