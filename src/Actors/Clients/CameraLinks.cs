using Akka.Actor;
using Akka.Event;
using Valkka.Actors.Flow;
using Valkka.Actors.Messages;
using Valkka.Actors.Node;
using Valkka.Shm;

namespace Valkka.Actors.Clients;

/// <summary>
/// A client's links to its cameras: finds each camera in any start order (Identify, again after a
/// growing delay), subscribes, maps its ring, re-attaches when the camera comes back and detaches
/// when it goes. Each link's <see cref="CameraLinkStateMachine"/> decides; this part does the messaging.
/// </summary>
internal sealed class CameraLinks
{
    /// <summary>Time to look for a camera again.</summary>
    internal sealed record FindCamera(string CameraId);

    /// <summary>A subscription's answer is overdue.</summary>
    internal sealed record SubscribeTimedOut(string CameraId);

    private static readonly TimeSpan SubscribeTimeout = TimeSpan.FromSeconds(5);

    private readonly ClientSettings _settings;
    private readonly IActorContext _context;
    private readonly ITimerScheduler _timers;
    private readonly ILoggingAdapter _log;
    private readonly ActorHosting _hosting;
    private readonly Dictionary<string, CameraLink> _links = new(StringComparer.Ordinal);
    private readonly ReaderProcess _process;

    public CameraLinks(ClientSettings settings, IActorContext context, ITimerScheduler timers, ILoggingAdapter log, ActorHosting hosting)
    {
        _settings = settings;
        _context = context;
        _timers = timers;
        _log = log;
        _hosting = hosting;
        _process = ReaderProcesses.Current(settings.HostIdentity);
        foreach (var camera in settings.Cameras)
        {
            if (_links.ContainsKey(camera.CameraId))
                throw new ArgumentException($"client {settings.ClientId}: camera {camera.CameraId} is listed twice");
            _links.Add(camera.CameraId, new CameraLink(camera, settings.RetryInitialDelay, settings.RetryMaxDelay,
                camera.Fps ?? settings.Fps ?? double.PositiveInfinity));
        }
    }

    public IReadOnlyCollection<CameraLink> All => _links.Values;

    /// <summary>The link a frame announcement belongs to: of cameraId, from the camera actor it is linked to.</summary>
    public CameraLink? Announcing(string cameraId, IActorRef sender) =>
        _links.TryGetValue(cameraId, out var link) && sender.Equals(link.Camera) ? link : null;

    public void FindAll()
    {
        foreach (var link in _links.Values) Find(link);
    }

    public void OnFindCamera(FindCamera m)
    {
        if (_links.TryGetValue(m.CameraId, out var link)) Find(link);
    }

    /// <summary>
    /// The answer to a search. One without subject comes from a node that is up but has not created the
    /// camera actor yet (remoting listens before a node's actors exist): the search goes on.
    /// </summary>
    public void OnIdentity(ActorIdentity m)
    {
        if (m.MessageId is not string id || !_links.TryGetValue(id, out var link) || m.Subject is null || !link.State.Found()) return;
        link.Camera = m.Subject;
        Watch(link, m.Subject);
        m.Subject.Tell(new Subscribe(_settings.ClientId, Math.Max(1, _settings.Credit),
            _settings.Notify == FrameNotify.Doorbell ? _settings.HostIdentity : null, link.Rate.Fps, _process), _context.Self);
        _timers.StartSingleTimer(TimerKey(link), new SubscribeTimedOut(id), SubscribeTimeout);
    }

    public void OnSubscribeTimedOut(SubscribeTimedOut m)
    {
        if (!_links.TryGetValue(m.CameraId, out var link) || !link.State.SubscribeTimedOut()) return;
        _log.Warning("Client {0}: camera {1} did not answer the subscription; looking for it again", _settings.ClientId, m.CameraId);
        link.Detach();
        Find(link);
    }

    public void OnSubscribed(Subscribed m)
    {
        if (!_links.TryGetValue(m.OwnerId, out var link) || link.State.State != CameraLinkState.Subscribing || !m.Owner.Equals(link.Camera)) return;
        _timers.Cancel(TimerKey(link));
        if (m.Ring.HostIdentity != _settings.HostIdentity)
        {
            link.State.RefusedOtherHost($"camera {m.OwnerId}'s ring {m.Ring.Path} is on another host ({m.Ring.HostIdentity}); this client runs on " +
                                        $"{_settings.HostIdentity}. Shared-memory rings cannot be mapped across hosts, and carrying pixels between hosts " +
                                        "is not supported yet: run the client on the camera's host.");
            _log.Error("Client {0}: {1}", _settings.ClientId, link.State.LastError);
            link.Camera!.Tell(new Unsubscribe(_settings.ClientId), _context.Self);
            return;
        }
        try
        {
            link.Attach(m, _context.Self, _settings.ClientId, _settings.Credit, _hosting);
        }
        catch (RingException e)
        {
            _log.Warning("Client {0}: cannot map camera {1}'s ring: {2}; retrying", _settings.ClientId, m.OwnerId, e.Message);
            link.Camera!.Tell(new Unsubscribe(_settings.ClientId), _context.Self);
            link.Detach();
            link.State.AttachFailed(e.Message);
            Find(link);
            return;
        }
        link.State.Attached();
        _log.Info("Client {0}: attached to camera {1} (ring {2}, reader {3}, {4})", _settings.ClientId, m.OwnerId, m.Ring.Path, m.ReaderIndex,
            m.Doorbell ? "frames announced through the ring's doorbell" : "frames announced by message");
    }

    public void OnRejected(SubscribeRejected m)
    {
        if (!_links.TryGetValue(m.OwnerId, out var link)) return;
        _log.Error("Client {0}: camera {1} refused the subscription: {2}", _settings.ClientId, m.OwnerId, m.Reason);
        link.Detach();
        link.State.Rejected(m.Reason);
        Find(link);
    }

    /// <summary>A watched actor died: the links to it wait for their camera to come back.</summary>
    public void OnTerminated(IActorRef actor)
    {
        foreach (var link in _links.Values)
        {
            if (!actor.Equals(link.Watched)) continue;
            link.Watched = null;
            _log.Warning("Client {0}: camera {1} went away; waiting for it to come back", _settings.ClientId, link.CameraId);
            link.Detach();
            link.State.CameraGone();
            Find(link);
        }
    }

    /// <summary>
    /// Every tick: a link whose camera's process is gone (its ring's owner died, e.g. SIGKILL) looks for
    /// the camera again at once. Remoting's failure detector says so too, but only after its acceptable
    /// pause (seconds, kept long so that a node starved of CPU is not quarantined), while a supervised
    /// camera node is often back sooner; the ring is on this host, so its owner's pid tells now.
    /// </summary>
    public void CheckCameraProcesses()
    {
        foreach (var link in _links.Values)
        {
            if (link.State.State != CameraLinkState.Attached || link.Reader is not { IsOwnerAlive: false } reader) continue;
            _log.Warning("Client {0}: camera {1}'s process {2} is gone; looking for the camera again", _settings.ClientId, link.CameraId, reader.OwnerPid);
            link.Detach();
            link.State.CameraGone();
            Find(link);
        }
    }

    /// <summary>The client stops: every camera frees its reader index, every ring is unmapped.</summary>
    public void UnsubscribeAll()
    {
        foreach (var link in _links.Values)
        {
            link.Camera?.Tell(new Unsubscribe(_settings.ClientId), _context.Self);
            link.Detach();
        }
    }

    private void Find(CameraLink link)
    {
        if (link.State.Search() is not { } answerWithin) return;
        if ((link.Address.Locator is { } locator ? locator.Locate() : link.Address.ActorPath) is { } path)
            _context.ActorSelection(path).Tell(new Identify(link.CameraId), _context.Self);
        // No answer comes from a node that is not up: look again after a growing delay.
        _timers.StartSingleTimer(TimerKey(link), new FindCamera(link.CameraId), answerWithin);
    }

    /// <summary>Watches camera, and stops watching the camera actor watched before if it was another one.</summary>
    private void Watch(CameraLink link, IActorRef camera)
    {
        if (camera.Equals(link.Watched)) return;
        if (link.Watched is not null) _context.Unwatch(link.Watched);
        link.Watched = camera;
        _context.Watch(camera);
    }

    private static string TimerKey(CameraLink link) => "find-" + link.CameraId;
}
