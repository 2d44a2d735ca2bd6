using Akka.Actor;
using Valkka.Actors.Messages;
using Valkka.Shm;

namespace Valkka.Actors.Masters;

/// <summary>A ring the master leases frames from, reached through the actor that owns it.</summary>
internal sealed class MasterRing(IActorRef owner)
{
    public IActorRef Owner { get; } = owner;
    public FrameRingReader? Reader { get; set; }
    public string? Path { get; set; }
    /// <summary>Requests that arrived before the ring was mapped.</summary>
    public List<(IActorRef Client, AnalyzeRequest Request)> Waiting { get; } = new();
}
