using Akka.Actor;
using Valkka.Actors.Dispatch;
using Valkka.Shm;

namespace Valkka.Actors.Masters;

/// <summary>
/// Sleeps on a relay ring's doorbell for the master: while requests wait for a frame the relay has not
/// decoded yet (<see cref="Wanted"/>), each commit tells the master (<see cref="RelayRings.Committed"/>)
/// to look again; otherwise commits cost a wake-up and nothing else.
/// </summary>
internal sealed class RelayRingWatch(FrameRingReader reader, IActorRef master, string cameraId) : IRingWakeSource
{
    private readonly RelayRings.Committed _committed = new(cameraId);
    private long _lastSeen = reader.Latest.Sequence;
    private volatile bool _wanted;

    /// <summary>True while requests wait for frames of this ring.</summary>
    public bool Wanted
    {
        get => _wanted;
        set => _wanted = value;
    }

    public RingWait Awaited => new(reader, Volatile.Read(ref _lastSeen));

    public bool Poll()
    {
        long latest = reader.Latest.Sequence;
        if (latest <= Volatile.Read(ref _lastSeen)) return false;
        Volatile.Write(ref _lastSeen, latest);
        if (_wanted) master.Tell(_committed, ActorRefs.NoSender);
        return true;
    }
}
