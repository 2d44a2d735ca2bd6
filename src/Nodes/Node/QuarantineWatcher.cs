using Akka.Actor;
using Akka.Event;
using Akka.Remote;

namespace Valkka.Nodes.Node;

/// <summary>
/// Stops this node when a peer has quarantined it, or when the process did not run for so long
/// that its peers must have downed it (see <see cref="PauseWatch"/>). A member that was unreachable for
/// longer than the split-brain resolver waits (frozen by SIGSTOP, starved of CPU, a network cut) is
/// downed and quarantined by its peers for good: they never talk to this incarnation again, so its
/// clients would stay deaf while the process lives on. Akka's remedy is a new incarnation; stopping lets
/// the supervisor (`valkka run`, systemd) start one, which joins the cluster and subscribes again like
/// any restarted node. (A node the cluster downs while it runs shuts down by itself: the cluster's
/// run-coordinated-shutdown-when-down.)
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

    private readonly TimeSpan _pauseLimit;

    /// <param name="pauseLimit">A pause longer than this and the peers have given this incarnation up.</param>
    public QuarantineWatcher(TimeSpan pauseLimit)
    {
        _pauseLimit = pauseLimit;
        var log = Context.GetLogger();
        Receive<ThisActorSystemQuarantinedEvent>(e =>
        {
            log.Warning("This node was quarantined by {0} (it was unreachable too long); stopping so that a new incarnation can take its place",
                e.RemoteAddress);
            CoordinatedShutdown.Get(Context.System).Run(QuarantinedReason.Instance);
        });
        Receive<Paused>(p =>
        {
            log.Warning("This process did not run for {0:0.0}s (stopped or paused), longer than its peers wait before downing it; " +
                        "they have downed it: stopping so that a new incarnation can take its place", p.Gap.TotalSeconds);
            CoordinatedShutdown.Get(Context.System).Run(QuarantinedReason.Instance);
        });
    }

    public static Props Props(TimeSpan pauseLimit) => Akka.Actor.Props.Create(() => new QuarantineWatcher(pauseLimit));

    protected override void PreStart()
    {
        Context.System.EventStream.Subscribe(Self, typeof(ThisActorSystemQuarantinedEvent));
        var self = Self;
        _pauseWatch = PauseWatch.Start(_pauseLimit, gap => self.Tell(new Paused(gap)));
    }

    protected override void PostStop() => _pauseWatch?.Dispose();
}
