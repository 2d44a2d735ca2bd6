using Akka.Actor;
using Akka.Event;
using Valkka.Actors.Messages;
using Valkka.Media.Sessions;

namespace Valkka.Actors.Cameras;

/// <summary>A camera's current status and the actors subscribed to its changes (watched, so the dead are dropped).</summary>
internal sealed class CameraStatusSubscribers(string cameraId, IActorContext context, ILoggingAdapter log)
{
    private readonly HashSet<IActorRef> _subscribers = new();

    public CameraStatus Status { get; private set; } = new(CameraState.Connecting, null, DateTimeOffset.UtcNow);

    /// <summary>The lowercase state name the status messages carry.</summary>
    public string StateName => Status.State.ToString().ToLowerInvariant();

    public bool Contains(IActorRef actor) => _subscribers.Contains(actor);

    /// <summary>Subscribes actor (watching it) and tells it the current status.</summary>
    public void Add(IActorRef actor)
    {
        if (_subscribers.Add(actor)) context.Watch(actor);
        actor.Tell(Message());
    }

    public void Remove(IActorRef actor) => _subscribers.Remove(actor);

    /// <summary>Times the status became reconnecting.</summary>
    public long Reconnects { get; private set; }

    public void Set(CameraStatus status)
    {
        if (status.State == CameraState.Reconnecting && Status.State != CameraState.Reconnecting) Reconnects++;
        Status = status;
        if (status.State == CameraState.Failed) log.Error("Camera {0}: failed: {1}", cameraId, status.Reason);
        var message = Message();
        foreach (var s in _subscribers) s.Tell(message);
    }

    private CameraStatusChanged Message() => new(cameraId, StateName, Status.Reason, Status.At);
}
