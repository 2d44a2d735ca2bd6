using Akka.Event;
using Valkka.Actors.Analysis;
using Valkka.Shm;

namespace Valkka.Actors.Clients;

/// <summary>The IClientContext a client actor hands its analyzer; acts on the frame being analyzed.</summary>
internal sealed class ClientContext(ClientActor actor, ILoggingAdapter log) : IClientContext
{
    public string ClientId => actor.Settings.ClientId;
    public ILoggingAdapter Log { get; } = log;
    public bool HasMaster => actor.Settings.MasterPath is not null;
    public void ForwardToMaster() => actor.ForwardCurrentToMaster();
    public bool ForwardDerived(in FrameInfo derived, DerivedFrameWriter write) => actor.ForwardCurrentDerived(derived, write);
}
