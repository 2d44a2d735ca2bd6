using Akka.Actor;
using Akka.Event;
using Valkka.Actors.Flow;
using Valkka.Actors.Messages;
using Valkka.Actors.Node;
using Valkka.Actors.Topology;
using Valkka.Shm;

namespace Valkka.Actors.Masters;

/// <summary>
/// The rings a master leases forwarded frames from, one per owning actor (a camera, or a client for
/// its derived frames): the first request into a ring asks its owner for a reader index, and requests
/// wait (at most 64 per ring, the oldest dropped and counted as skipped) until the ring is mapped,
/// then go to the batches. A ring whose owner refused, went away or is on another host is dropped
/// with everything that waited for it.
/// </summary>
internal sealed class MasterRings(string masterId, string hostIdentity, IActorContext context, ILoggingAdapter log, MasterBatcher batches,
    Func<IActorRef, bool> isClient, PinnedReaders pinned)
{
    private const int MaxWaitingForRing = 64;

    private readonly Dictionary<IActorRef, MasterRing> _rings = new();

    /// <summary>Requests dropped while waiting for their ring.</summary>
    public long Skipped { get; private set; }

    /// <summary>The mapped ring of the request's frame, or null: the request waits for it (asked of its owner on the first request).</summary>
    public MasterRing? Mapped(IActorRef client, AnalyzeRequest m)
    {
        if (!_rings.TryGetValue(m.RingOwner, out var ring))
        {
            ring = new MasterRing(m.RingOwner);
            _rings.Add(m.RingOwner, ring);
            context.Watch(m.RingOwner);
            m.RingOwner.Tell(new AttachReader(ActorPaths.MasterName(masterId), ReaderProcesses.Current(hostIdentity)), context.Self);
        }
        if (ring.Reader is not null) return ring;
        if (ring.Waiting.Count >= MaxWaitingForRing)
        {
            ring.Waiting.RemoveAt(0);
            Skipped++;
        }
        ring.Waiting.Add((client, m));
        return null;
    }

    /// <summary>The owner gave a reader index: maps the ring and hands the waiting requests to the batches.</summary>
    public void OnSubscribed(Subscribed m)
    {
        if (!_rings.TryGetValue(m.Owner, out var ring) || ring.Reader is not null) return;
        if (m.Ring.HostIdentity != hostIdentity)
        {
            log.Error("Master {0}: ring {1} of {2} is on another host ({3}, this master runs on {4}); shared-memory rings cannot be " +
                      "mapped across hosts and carrying pixels between hosts is not supported yet: run the master on the cameras' host.",
                masterId, m.Ring.Path, m.OwnerId, m.Ring.HostIdentity, hostIdentity);
            Drop(ring);
            return;
        }
        try
        {
            ring.Reader = FrameRingReader.Attach(m.Ring.Path, m.ReaderIndex);
            ring.Path = m.Ring.Path;
        }
        catch (RingException e)
        {
            log.Error("Master {0}: cannot map ring {1}: {2}", masterId, m.Ring.Path, e.Message);
            Drop(ring);
            return;
        }
        foreach (var (client, request) in ring.Waiting) batches.Accept(client, request, ring);
        ring.Waiting.Clear();
        batches.Dispatch();
    }

    public void OnRejected(SubscribeRejected m, IActorRef owner)
    {
        if (!_rings.TryGetValue(owner, out var ring)) return;
        log.Error("Master {0}: ring owner {1} refused: {2}", masterId, m.OwnerId, m.Reason);
        Drop(ring);
    }

    /// <summary>A client went away: its requests stop waiting.</summary>
    public void ForgetClient(IActorRef client)
    {
        foreach (var ring in _rings.Values) ring.Waiting.RemoveAll(w => w.Client.Equals(client));
    }

    /// <summary>True when actor owns a mapped ring whose owner process lives.</summary>
    public bool OwnerAlive(IActorRef actor) => _rings.TryGetValue(actor, out var ring) && ring.Reader is { IsOwnerAlive: true };

    /// <summary>A watched actor died: if it owned a ring, the ring is dropped.</summary>
    public void OnTerminated(IActorRef actor)
    {
        if (_rings.TryGetValue(actor, out var gone)) Drop(gone);
    }

    /// <summary>The master stops: every ring is unmapped.</summary>
    public void UnmapAll()
    {
        foreach (var ring in _rings.Values)
        {
            if (ring.Reader is { } reader) pinned.Dispose(reader);
        }
        _rings.Clear();
    }

    private void Drop(MasterRing ring)
    {
        batches.ReleaseWhere((_, p) => ReferenceEquals(p.Ring, ring));
        Skipped += ring.Waiting.Count;
        ring.Waiting.Clear();
        if (ring.Reader is { } reader) pinned.Dispose(reader);
        ring.Reader = null;
        _rings.Remove(ring.Owner);
        if (!isClient(ring.Owner)) context.Unwatch(ring.Owner);
    }
}
