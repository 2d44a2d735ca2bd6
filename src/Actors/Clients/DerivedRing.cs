using Akka.Actor;
using Valkka.Actors.Flow;
using Valkka.Actors.Messages;
using Valkka.Actors.Topology;
using Valkka.Shm;

namespace Valkka.Actors.Clients;

/// <summary>
/// A client's own ring for derived frames (resized, tensors, ...) that it forwards to a master.
/// Created on the first derived frame, sized for it; the master attaches to it as a reader through
/// the client, whose <see cref="RingOwner"/> keeps the readers.
/// </summary>
internal sealed class DerivedRing(string topology, string clientId, int slots, RingOwner owner) : IDisposable
{
    public RingOwner Owner { get; } = owner;

    /// <summary>The ring, created for frames of length bytes on the first call.</summary>
    /// <exception cref="RingException">The ring cannot be created (no room in /dev/shm, ...).</exception>
    public FrameRingWriter Ensure(int length)
    {
        if (Owner.Ring is { } ring) return ring;
        string name = ActorPaths.DerivedRingName(clientId);
        ring = FrameRingWriter.Create(topology, name, slots, Math.Max(length, 1));
        Owner.RingCreated(ring, name);
        return ring;
    }

    /// <summary>A master asks for a reader index; there is none to give before a derived frame made the ring.</summary>
    public void AttachReader(IActorRef reader, string readerId, IActorRef self, ReaderProcess? process = null)
    {
        if (Owner.Ring is null)
        {
            reader.Tell(new SubscribeRejected(clientId, $"client {clientId} has no ring for derived frames yet"), self);
            return;
        }
        Owner.AddReader(reader, readerId, 0, streaming: false, doorbell: false, process);
    }

    public void Dispose() => Owner.Ring?.Dispose();
}
