using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Valkka.Actors.Analysis;
using Valkka.Actors.Messages;
using Valkka.Samples.Faces;
using Valkka.Shm;

namespace Valkka.Samples.Tests;

/// <summary>
/// Wraps the real FacePreprocessingAnalyzer inside a real client actor and records, for the test,
/// which camera frames it forwarded (and whether each showed the astronaut or the cat) and every
/// master result that came back.
/// </summary>
public sealed class RecordingFaceClient(FacePreprocessingAnalyzer inner, Func<FrameView, bool> isAstronaut) : IFrameAnalyzer
{
    public FacePreprocessingAnalyzer Inner { get; } = inner;
    public ConcurrentDictionary<(string Camera, long Sequence), bool> Forwarded { get; } = new();
    public ConcurrentQueue<MasterResult> Results { get; } = new();
    public int Analyzed => _analyzed;
    private int _analyzed;

    public IAnalysisResult? Analyze(in FrameView frame, IClientContext context)
    {
        Interlocked.Increment(ref _analyzed);
        return Inner.Analyze(frame, new Spy(this, context));
    }

    public void OnMasterResult(MasterResult result, IClientContext context)
    {
        Results.Enqueue(result);
        Inner.OnMasterResult(result, context);
    }

    private sealed class Spy(RecordingFaceClient owner, IClientContext context) : IClientContext
    {
        public string ClientId => context.ClientId;
        public ILogger Log => context.Log;
        public bool HasMaster => context.HasMaster;
        public void ForwardToMaster() => throw new InvalidOperationException("faces forward derived tensors only");

        public bool ForwardDerived(in FrameInfo derived, DerivedFrameWriter write)
        {
            (string Camera, long Sequence, bool Astronaut) seen = ("", 0, false);
            var sent = context.ForwardDerived(derived, (in FrameView source, Span<byte> destination) =>
            {
                seen = (source.CameraId, source.Sequence, owner.IsAstronaut(source));
                write(source, destination);
            });
            if (sent) owner.Forwarded[(seen.Camera, seen.Sequence)] = seen.Astronaut;
            return sent;
        }
    }

    private bool IsAstronaut(in FrameView frame) => isAstronaut(frame);
}
