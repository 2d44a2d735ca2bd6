using Akka.Actor;
using Akka.Event;
using Akka.Remote;

namespace Valkka.Nodes.Node;

/// <summary>
/// Stops this node when a peer has quarantined it, or when the process did not run for so long
/// that its peers must have (see <see cref="PauseWatch"/>). A node that was unreachable for longer than the
/// failure detector allows (frozen by SIGSTOP, starved of CPU, a network cut) is quarantined by its
/// peers for good: they never talk to this incarnation again, so its clients would stay deaf while
/// the process lives on. Akka's remedy is a new incarnation; stopping lets the supervisor (`valkka
/// run`, systemd) start one, which subscribes again like any restarted node.
/// </summary>
public sealed class QuarantineWatcher : ReceiveActor
{
    /// <summary>Why the node shut down (not a signal: the node exits with a failure code, so it is restarted).</summary>
    public sealed class QuarantinedReason : CoordinatedShutdown.Reason
    {
        public static readonly QuarantinedReason Instance = new();

        private QuarantinedReason() { }

        public override int ExitCode => 1;

        public override string ToString() => "quarantined by a peer";
    }

    private sealed record Paused(TimeSpan Gap);

    private PauseWatch? _pauseWatch;

    public QuarantineWatcher()
    {
        var log = Context.GetLogger();
        Receive<ThisActorSystemQuarantinedEvent>(e =>
        {
            log.Warning("This node was quarantined by {0} (it was unreachable too long); stopping so that a new incarnation can take its place",
                e.RemoteAddress);
            CoordinatedShutdown.Get(Context.System).Run(QuarantinedReason.Instance);
        });
        Receive<Paused>(p =>
        {
            log.Warning("This process did not run for {0:0.0}s (stopped or paused), longer than its peers wait for a heartbeat; " +
                        "they have quarantined it: stopping so that a new incarnation can take its place", p.Gap.TotalSeconds);
            CoordinatedShutdown.Get(Context.System).Run(QuarantinedReason.Instance);
        });
    }

    public static Props Props() => Akka.Actor.Props.Create(() => new QuarantineWatcher());

    protected override void PreStart()
    {
        Context.System.EventStream.Subscribe(Self, typeof(ThisActorSystemQuarantinedEvent));
        // Peers declare this node unreachable after the detector's acceptable pause plus a heartbeat.
        var detector = Context.System.Settings.Config.GetConfig("akka.remote.watch-failure-detector");
        var limit = detector.GetTimeSpan("acceptable-heartbeat-pause", TimeSpan.FromSeconds(3))
                    + detector.GetTimeSpan("heartbeat-interval", TimeSpan.FromSeconds(1));
        var self = Self;
        _pauseWatch = PauseWatch.Start(limit, gap => self.Tell(new Paused(gap)));
    }

    protected override void PostStop() => _pauseWatch?.Dispose();
}
