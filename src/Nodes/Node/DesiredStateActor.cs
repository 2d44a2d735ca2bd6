using Akka.Actor;
using Akka.Event;
using Valkka.Actors.Messages;

namespace Valkka.Nodes.Node;

/// <summary>
/// A node's end of the desired-state path between hosts (one per node process that `valkka run` supervises,
/// at <see cref="Valkka.Actors.Topology.ActorPaths.DesiredStateName"/>). Sends the state its launcher asks it
/// to publish to the peers named, again every second until each confirms (a peer behind a link that is down
/// gets it when the link returns, for up to a minute); tells its launcher, one stdout line each, of every state
/// a peer sends and of every peer that asks for the state. It keeps no desired state itself: the launchers do.
/// </summary>
public sealed class DesiredStateActor : ReceiveActor, IWithTimers
{
    private static readonly TimeSpan ResendEvery = TimeSpan.FromSeconds(1);
    private const int MostSends = 60;
    private const string ResendTimer = "resend";

    private sealed record Resend
    {
        public static readonly Resend Instance = new();
    }

    private sealed record Unconfirmed(ActorPath Peer, DesiredStateChanged State, int Sends);

    // By the peer's address: a newer state for a peer replaces the one it has not confirmed yet.
    private readonly Dictionary<Address, Unconfirmed> _unconfirmed = [];
    private readonly ILoggingAdapter _log = Context.GetLogger();

    public ITimerScheduler Timers { get; set; } = null!;

    /// <param name="tellLauncher">Writes one line for the launcher (the process's stdout).</param>
    public DesiredStateActor(Action<string> tellLauncher)
    {
        Receive<PublishStateRequest>(request =>
        {
            var state = new DesiredStateChanged(request.Version, request.Text, request.Origin);
            foreach (var peer in request.Peers)
            {
                if (ActorPath.TryParse(peer, out var path)) _unconfirmed[path.Address] = new Unconfirmed(path, state, 0);
                else _log.Warning("Desired state: {0} is not an actor path; not sent there", peer);
            }
            _log.Info("Publishing desired state version {0} to {1} peer(s)", state.Version, request.Peers.Count);
            SendUnconfirmed();
        });
        Receive<Resend>(_ => SendUnconfirmed());
        Receive<DesiredStateReceived>(confirmed =>
        {
            if (_unconfirmed.TryGetValue(Sender.Path.Address, out var sent)
                && sent.State.Version == confirmed.Version && sent.State.Origin == confirmed.Origin)
                _unconfirmed.Remove(Sender.Path.Address);
        });
        Receive<AskPeersRequest>(request =>
        {
            foreach (var peer in request.Peers) Context.ActorSelection(peer).Tell(DesiredStateWanted.Instance, Self);
        });
        Receive<DesiredStateChanged>(state =>
        {
            Sender.Tell(new DesiredStateReceived(state.Version, state.Origin), Self);
            _log.Info("Desired state version {0} (from host {1}) received from {2}", state.Version, state.Origin, Sender.Path.Address);
            tellLauncher(DesiredStateLines.Format(new PeerDesiredState(state.Version, state.Text, state.Origin, Sender.Path.ToStringWithAddress())));
        });
        Receive<DesiredStateWanted>(_ => tellLauncher(DesiredStateLines.Format(new PeerWantsState(Sender.Path.ToStringWithAddress()))));
    }

    public static Props Props(Action<string> tellLauncher) => Akka.Actor.Props.Create(() => new DesiredStateActor(tellLauncher));

    private void SendUnconfirmed()
    {
        foreach (var (address, sent) in _unconfirmed.ToList())
        {
            if (sent.Sends >= MostSends)
            {
                _log.Warning("Desired state version {0}: {1} did not confirm it after {2} sends; it asks for the state when its launcher starts",
                    sent.State.Version, address, sent.Sends);
                _unconfirmed.Remove(address);
                continue;
            }
            Context.ActorSelection(sent.Peer).Tell(sent.State, Self);
            _unconfirmed[address] = sent with { Sends = sent.Sends + 1 };
        }
        if (_unconfirmed.Count == 0) Timers.Cancel(ResendTimer);
        else if (!Timers.IsTimerActive(ResendTimer)) Timers.StartPeriodicTimer(ResendTimer, Resend.Instance, ResendEvery);
    }
}
