using Akka.Actor;
using Valkka.Actors.Messages;
using Valkka.Shm;

namespace Valkka.Actors.Flow;

/// <summary>
/// The readers registered on a ring the calling actor owns, keyed by reader actor: registration
/// hands out the ring's reader index; removal (unsubscribe or death) frees it and clears its leases.
/// </summary>
internal sealed class RingReaders
{
    private readonly Dictionary<IActorRef, ReaderFlow> _byActor = new();
    private readonly List<ReaderFlow> _streaming = new();

    public int Count => _byActor.Count;
    public long LeasesCleared { get; private set; }
    public IReadOnlyCollection<ReaderFlow> All => _byActor.Values;
    /// <summary>Readers that receive the frame stream, for the per-frame loop (no allocation).</summary>
    public List<ReaderFlow> Streaming => _streaming;

    public bool TryGet(IActorRef reader, out ReaderFlow flow) => _byActor.TryGetValue(reader, out flow!);

    /// <summary>The reader registered as readerId under another actor than reader (an earlier incarnation of it), if any.</summary>
    public ReaderFlow? OtherIncarnation(string readerId, IActorRef reader) =>
        _byActor.Values.FirstOrDefault(f => f.ReaderId == readerId && !f.Reader.Equals(reader));

    /// <summary>Registers reader (or returns its existing flow, restarted with the new credit).</summary>
    /// <exception cref="RingException">ReadersExhausted when 64 readers are registered.</exception>
    public ReaderFlow Register(FrameRingWriter ring, IActorRef reader, string readerId, int credit, bool streaming,
        ReaderProcess? process = null)
    {
        if (_byActor.TryGetValue(reader, out var existing) && existing.Streaming != streaming)
        {
            Remove(ring, reader); // it changed how it is told about frames: start over
        }
        else if (existing is not null)
        {
            existing.Reset(credit);
            existing.Process = process ?? existing.Process;
            // A reader that re-subscribes lost track of its leases: clear them.
            LeasesCleared += ring.ClearLeases(existing.ReaderIndex);
            return existing;
        }
        int index = ring.RegisterReader();
        var flow = new ReaderFlow(reader, readerId, index, credit, streaming, process);
        _byActor.Add(reader, flow);
        if (streaming) _streaming.Add(flow);
        return flow;
    }

    /// <summary>Frees reader's index and clears its leases. False if it was not registered.</summary>
    public bool Remove(FrameRingWriter? ring, IActorRef reader)
    {
        if (!_byActor.Remove(reader, out var flow)) return false;
        _streaming.Remove(flow);
        if (ring is not null)
        {
            LeasesCleared += ring.ClearLeases(flow.ReaderIndex);
            ring.UnregisterReader(flow.ReaderIndex);
        }
        return true;
    }
}
