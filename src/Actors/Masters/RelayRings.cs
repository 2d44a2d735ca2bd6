using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using Valkka.Actors.Flow;
using Valkka.Actors.Messages;
using Valkka.Actors.Node;
using Valkka.Actors.Topology;
using Valkka.Shm;

namespace Valkka.Actors.Masters;

/// <summary>
/// Frames of cameras on other hosts (<see cref="MasterSettings.RelayedCameras"/>), leased from the
/// relay of the camera on the master's own host. A request names (camera, stream frame index): the
/// first one attaches the master to the relay's ring, wanting every frame (the relay's frame selection
/// follows capture time and is not aligned with the relay a client on another host reads, so only
/// decoding every frame has each forwarded one); then the index is looked up in the ring's slot table
/// and the request goes to the batches with the local slot and sequence. A frame the relay has not
/// decoded yet (its index above the ring's newest) waits, woken by the ring's doorbell, at most
/// <see cref="MasterSettings.RelayFrameWait"/>; a frame no longer in the ring, or still missing then,
/// is counted as stale, never answered with another picture. A derived frame (its ring owned by the
/// client) is not a camera picture and goes the usual way. A camera the cluster places
/// (<see cref="MasterSettings.PlacedCameras"/>) is read here for clients on every host, the one ring it
/// has on this host now: the camera's own while it runs here, else its relay's; the master attaches to
/// whichever its locator names and, when that owner stops (the camera moved), to the next one.
/// </summary>
internal sealed class RelayRings(MasterSettings settings, IActorContext context, ILoggingAdapter log, MasterBatcher batches,
    PinnedReaders pinned, ActorHosting hosting)
{
    /// <summary>A relay ring's doorbell rang while requests waited for it.</summary>
    internal sealed record Committed(string CameraId);

    private const int MaxWaitingPerRing = 64;
    private static readonly TimeSpan AttachRetry = TimeSpan.FromSeconds(2);

    private readonly Dictionary<string, RelayRing> _relays = new();

    /// <summary>Requests whose frame was not (yet, or any more) in the relay's ring.</summary>
    public long Stale { get; private set; }

    public bool Any => settings.RelayedCameras.Count > 0;

    /// <summary>Takes the request if its frame comes through a relay on this host (false: it goes the usual way).</summary>
    public bool Take(IActorRef client, AnalyzeRequest m)
    {
        if (m.RingOwner.Equals(client) || !settings.RelayedCameras.TryGetValue(m.Frame.CameraId, out var path)) return false;
        if (!_relays.TryGetValue(m.Frame.CameraId, out var relay))
        {
            relay = new RelayRing(m.Frame.CameraId, path, settings.PlacedCameras.GetValueOrDefault(m.Frame.CameraId));
            _relays.Add(relay.CameraId, relay);
            Attach(relay);
        }
        if (relay.Ring is null || !TryAccept(client, m, relay.Ring, out bool gone)) Wait(relay, client, m);
        else if (gone) Stale++;
        batches.Dispatch();
        return true;
    }

    /// <summary>The answer of a relay to the master's attach (false: not a relay's).</summary>
    public bool OnSubscribed(Subscribed m)
    {
        if (!_relays.TryGetValue(m.OwnerId, out var relay) || relay.Ring is not null
            || (m.Owner.Path.Name != ActorPaths.RelayName(m.OwnerId) && (relay.Placed is null || m.Owner.Path.Name != ActorPaths.CameraName(m.OwnerId))))
            return false;
        if (m.Ring.HostIdentity != settings.HostIdentity)
        {
            log.Error("Master {0}: relay {1} answered from host {2}, not this one ({3})", settings.MasterId, m.Owner.Path, m.Ring.HostIdentity, settings.HostIdentity);
            return true;
        }
        FrameRingReader reader;
        try { reader = FrameRingReader.Attach(m.Ring.Path, m.ReaderIndex); }
        catch (RingException e)
        {
            log.Error("Master {0}: cannot map relay ring {1}: {2}", settings.MasterId, m.Ring.Path, e.Message);
            return true;
        }
        relay.Ring = new MasterRing(m.Owner) { Reader = reader, Path = m.Ring.Path };
        relay.Watch = new RelayRingWatch(reader, context.Self, relay.CameraId);
        relay.Hosted = hosting.Host(relay.Watch, $"valkka-relay-watch-{relay.CameraId}");
        context.Watch(m.Owner);
        log.Info("Master {0}: leases frames of camera {1} from its {2} on this host ({3})", settings.MasterId, relay.CameraId,
            m.Owner.Path.Name == ActorPaths.RelayName(relay.CameraId) ? "relay" : "own ring", m.Ring.Path);
        Retry(relay);
        return true;
    }

    public bool OnRejected(SubscribeRejected m)
    {
        if (!_relays.TryGetValue(m.OwnerId, out var relay) || relay.Ring is not null) return false;
        log.Warning("Master {0}: relay of camera {1} refused: {2}; asking again", settings.MasterId, m.OwnerId, m.Reason);
        return true;
    }

    /// <summary>A commit in the relay's ring: waiting requests look again.</summary>
    public void OnCommitted(Committed m)
    {
        if (_relays.TryGetValue(m.CameraId, out var relay)) Retry(relay);
    }

    /// <summary>Periodically: requests waited long enough count as stale; a relay that did not answer is asked again.</summary>
    public void Expire()
    {
        long now = Stopwatch.GetTimestamp();
        foreach (var relay in _relays.Values)
        {
            int before = relay.Waiting.Count;
            relay.Waiting.RemoveAll(w => Stopwatch.GetElapsedTime(w.ArrivedTicks, now) > settings.RelayFrameWait);
            Stale += before - relay.Waiting.Count;
            if (relay.Watch is { } watch) watch.Wanted = relay.Waiting.Count > 0;
            if (relay.Ring is null && Stopwatch.GetElapsedTime(relay.AttachAskedTicks, now) > AttachRetry) Attach(relay);
        }
    }

    public void ForgetClient(IActorRef client)
    {
        foreach (var relay in _relays.Values) relay.Waiting.RemoveAll(w => w.Client.Equals(client));
    }

    public bool OwnerAlive(IActorRef actor) =>
        _relays.Values.Any(r => r.Ring is { Reader.IsOwnerAlive: true } ring && ring.Owner.Equals(actor));

    /// <summary>A relay died (its node stopped): its ring is dropped; the next request attaches again.</summary>
    public void OnTerminated(IActorRef actor)
    {
        foreach (var relay in _relays.Values.Where(r => r.Ring?.Owner.Equals(actor) == true).ToList())
        {
            log.Warning("Master {0}: {1} of camera {2} went away{3}", settings.MasterId,
                actor.Path.Name == ActorPaths.RelayName(relay.CameraId) ? "the relay" : "the camera itself", relay.CameraId,
                relay.Placed is null ? "" : "; the next request looks for it where it runs now");
            Unmap(relay);
            Stale += relay.Waiting.Count;
            relay.Waiting.Clear();
            _relays.Remove(relay.CameraId);
        }
    }

    public void UnmapAll()
    {
        foreach (var relay in _relays.Values) Unmap(relay);
        _relays.Clear();
    }

    // A relay must decode every frame (its selection by capture time is not aligned with the one that a client on another
    // host reads); a placed camera's own ring only when a pinned client may forward it from another host.
    private void Attach(RelayRing relay)
    {
        relay.AttachAskedTicks = Stopwatch.GetTimestamp();
        var path = relay.Placed is { } placed ? placed.Where.Locate() : relay.RelayPath;
        if (path is null) return;   // the placed camera runs nowhere now: asked again after AttachRetry
        bool ownRing = relay.Placed is not null && path.EndsWith("/" + ActorPaths.CameraName(relay.CameraId), StringComparison.Ordinal);
        double wanted = ownRing && !relay.Placed!.EveryFrame ? 0 : double.PositiveInfinity;
        context.ActorSelection(path).Tell(
            new AttachReader(ActorPaths.MasterName(settings.MasterId), ReaderProcesses.Current(settings.HostIdentity), wanted), context.Self);
    }

    private void Wait(RelayRing relay, IActorRef client, AnalyzeRequest m)
    {
        if (relay.Waiting.Count >= MaxWaitingPerRing)
        {
            relay.Waiting.RemoveAt(0);
            Stale++;
        }
        relay.Waiting.Add((client, m, Stopwatch.GetTimestamp()));
        if (relay.Watch is { } watch) watch.Wanted = true;
    }

    private void Retry(RelayRing relay)
    {
        if (relay.Ring is not { } ring) return;
        int stale = 0;
        relay.Waiting.RemoveAll(w =>
        {
            if (!TryAccept(w.Client, w.Request, ring, out bool gone)) return false;
            if (gone) stale++;
            return true;
        });
        Stale += stale;
        if (relay.Watch is { } watch) watch.Wanted = relay.Waiting.Count > 0;
        batches.Dispatch();
    }

    /// <summary>
    /// False: the frame is not decoded here yet (wait). True: handed to the batches, or gone (no longer
    /// in the ring, or without a stream frame index: it cannot be found on another host).
    /// </summary>
    private bool TryAccept(IActorRef client, AnalyzeRequest m, MasterRing ring, out bool gone)
    {
        long index = m.Frame.StreamFrameIndex;
        gone = false;
        if (index < 0)
        {
            gone = true;
            return true;
        }
        if (!ring.Reader!.TryFindStreamFrame(index, out var frame, out long newest))
        {
            if (index > newest) return false;
            gone = true;
            return true;
        }
        batches.Accept(client, m with { Frame = m.Frame with { Ring = ring.Path!, Slot = frame.Slot, Sequence = frame.Sequence } }, ring);
        return true;
    }

    private void Unmap(RelayRing relay)
    {
        relay.Hosted?.Dispose();
        relay.Hosted = null;
        if (relay.Ring is not { } ring) return;
        batches.ReleaseWhere((_, p) => ReferenceEquals(p.Ring, ring));
        if (ring.Reader is { } reader) pinned.Dispose(reader);
        ring.Reader = null;
        relay.Ring = null;
        context.Unwatch(ring.Owner);
    }
}
