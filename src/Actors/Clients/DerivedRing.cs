using Akka.Actor;
using Valkka.Actors.Flow;
using Valkka.Actors.Topology;
using Valkka.Shm;

namespace Valkka.Actors.Clients;

/// <summary>
/// A client's own ring for derived frames (resized, tensors, ...) that it forwards to a master.
/// Created on the first derived frame, sized for it; the master attaches to it as a reader.
/// </summary>
internal sealed class DerivedRing(string topology, string clientId, int slots) : IDisposable
{
    public FrameRingWriter? Writer { get; private set; }
    public RingReaders Readers { get; } = new();
    public string RingName => ActorPaths.DerivedRingName(clientId);

    public FrameRingWriter Ensure(int length)
    {
        return Writer ??= FrameRingWriter.Create(topology, RingName, slots, Math.Max(length, 1));
    }

    public bool Remove(IActorRef reader) => Readers.Remove(Writer, reader);

    public void Dispose()
    {
        Writer?.Dispose();
        Writer = null;
    }
}
