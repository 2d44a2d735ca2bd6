using Akka.Event;
using Valkka.Actors.Analysis;
using Valkka.Shm;

namespace Valkka.Samples.Tests;

/// <summary>
/// Test double for the client actor's context (pure logic): records forwards and, for derived
/// frames, runs the writer into a buffer it keeps, as the client actor would into its ring slot.
/// Use <see cref="Analyze"/> so the context knows the frame being analyzed.
/// </summary>
public sealed class RecordingClientContext(bool hasMaster = true) : IClientContext
{
    private FrameView _current;

    public string ClientId { get; init; } = "client1";
    public ILoggingAdapter Log { get; } = NoLogger.Instance;
    public bool HasMaster { get; } = hasMaster;
    public List<long> ForwardedSequences { get; } = [];
    public List<(long Sequence, FrameInfo Info, byte[] Data)> Derived { get; } = [];
    public bool DerivedSlotFree { get; set; } = true;

    public IAnalysisResult? Analyze(IFrameAnalyzer analyzer, FrameView frame)
    {
        _current = frame;
        return analyzer.Analyze(frame, this);
    }

    public void ForwardToMaster() => ForwardedSequences.Add(_current.Sequence);

    public bool ForwardDerived(in FrameInfo derived, DerivedFrameWriter write)
    {
        if (!DerivedSlotFree) return false;
        var data = new byte[derived.Length];
        write(_current, data);
        Derived.Add((_current.Sequence, derived, data));
        ForwardedSequences.Add(_current.Sequence);
        return true;
    }
}
