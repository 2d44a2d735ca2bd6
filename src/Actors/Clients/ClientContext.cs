using Akka.Event;
using Microsoft.Extensions.Logging;
using Valkka.Actors.Analysis;
using Valkka.Actors.Node;
using Valkka.Shm;

namespace Valkka.Actors.Clients;

/// <summary>
/// The IClientContext a client hands its analyzer. Forwarding acts on the frame being analyzed, which
/// <see cref="FrameAnalysis"/> sets for the duration of the analyzer's call only.
/// </summary>
internal sealed class ClientContext(string clientId, ILoggingAdapter log, MasterForwarding forwarding) : IClientContext
{
    private AnalyzedFrame? _frame;

    public string ClientId => clientId;
    public ILogger Log { get; } = new AkkaLogger(log);
    public bool HasMaster => forwarding.HasMaster;

    /// <summary>The analyzer is called for frame now; forwarding acts on it until <see cref="Leave"/>.</summary>
    public void Enter(in AnalyzedFrame frame) => _frame = frame;

    public void Leave() => _frame = null;

    public void ForwardToMaster() => forwarding.Forward(Current());

    public bool ForwardDerived(in FrameInfo derived, DerivedFrameWriter write) => forwarding.ForwardDerived(Current(), derived, write);

    private AnalyzedFrame Current() =>
        _frame ?? throw new InvalidOperationException("forwarding works only for the frame being analyzed, during the Analyze call");
}
