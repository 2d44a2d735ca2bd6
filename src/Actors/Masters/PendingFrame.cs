using Akka.Actor;
using Valkka.Actors.Messages;
using Valkka.Shm;

namespace Valkka.Actors.Masters;

/// <summary>A leased frame waiting for its batch (since ArrivedTicks, Stopwatch): the lease is held until the batch is analyzed.</summary>
internal readonly record struct PendingFrame(IActorRef Client, AnalyzeRequest Request, MasterRing Ring, FrameLease Lease, long ArrivedTicks)
{
    public void Release() => Ring.Reader?.Release(Lease);
}
