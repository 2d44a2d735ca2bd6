using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
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
    private (string CameraId, long Sequence, FrameInfo Info, byte[] Pixels) _current;

    public string ClientId { get; init; } = "client1";
    public ILogger Log { get; } = NullLogger.Instance;
    public bool HasMaster { get; } = hasMaster;
    public List<long> ForwardedSequences { get; } = [];
    public List<(long Sequence, FrameInfo Info, byte[] Data)> Derived { get; } = [];
    public bool DerivedSlotFree { get; set; } = true;

    public IAnalysisResult? Analyze(IFrameAnalyzer analyzer, in FrameView frame)
    {
        _current = (frame.CameraId, frame.Sequence, frame.Info, frame.Pixels.ToArray());
        return analyzer.Analyze(frame, this);
    }

    public void ForwardToMaster() => ForwardedSequences.Add(_current.Sequence);

    public bool ForwardDerived(in FrameInfo derived, DerivedFrameWriter write)
    {
        if (!DerivedSlotFree) return false;
        var data = new byte[derived.Length];
        write(new FrameView(_current.CameraId, _current.Sequence, _current.Info, _current.Pixels), data);
        Derived.Add((_current.Sequence, derived, data));
        ForwardedSequences.Add(_current.Sequence);
        return true;
    }
}
