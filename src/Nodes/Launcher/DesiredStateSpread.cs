using System.Net;
using Valkka.Actors.Messages;
using Valkka.Actors.Topology;
using Valkka.Nodes.Control;
using Valkka.Nodes.Node;

namespace Valkka.Nodes.Launcher;

/// <summary>
/// Keeps the launchers of a topology's hosts on one desired state, through the desired-state actor of one of
/// this host's node processes (requests on its stdin, notices on its stdout: <see cref="DesiredStateLines"/>).
/// A change made here (valkka apply, SIGHUP, the HTTP API) is published to every node on another host once
/// it is carried out. A state a peer sends is applied here when newer (<see cref="DesiredStateOrder"/>), its
/// relative paths resolved against this host's own file, its version kept, and not published again; a peer
/// that sent an older state, or asks (its launcher started), gets this host's state if it changed since start.
/// </summary>
internal sealed class DesiredStateSpread
{
    private readonly DeploymentControl _control;
    private readonly NodeFleet _fleet;
    private readonly string _ownFile;
    private readonly Action<string> _say;
    private readonly IReadOnlySet<IPAddress> _ownAddresses = LocalNodes.OwnAddresses();
    private TopologyDefinition _known;
    private bool _askedPeers;

    public DesiredStateSpread(DeploymentControl control, NodeFleet fleet, string ownFile, Action<string> say)
    {
        (_control, _fleet, _ownFile, _say) = (control, fleet, Path.GetFullPath(ownFile), say);
        _known = control.Current.Topology;
        control.Applied += _ => Changed();
    }

    /// <summary>Asks the peers for their state once a node of this host runs (a launcher that restarts learns what changed meanwhile).</summary>
    public void AskPeersOnce()
    {
        if (_askedPeers) return;
        var peers = Peers(_control.Current.Topology).ToList();
        _askedPeers = peers.Count == 0 || Send(DesiredStateLines.Format(new AskPeersRequest(peers)));
    }

    /// <summary>A line a local node printed about its peers (<see cref="DesiredStateLines.IsPeerNotice"/>).</summary>
    public void Heard(string line)
    {
        if (DesiredStateLines.TryParse(line, out PeerDesiredState heard)) _ = Task.Run(() => AdoptAsync(heard));
        else if (DesiredStateLines.TryParse(line, out PeerWantsState wants) && _control.Current is { Version: > 1 } current)
            Publish(current, [wants.From]);
    }

    // Raised in the control's turn, after a change was carried out.
    private void Changed()
    {
        var (previous, now) = (_known, _control.Current);
        _known = now.Topology;
        if (now.Origin != _control.Origin) return;
        // The nodes the change removed too: their hosts stop them.
        Publish(now, Peers(previous).Union(Peers(now.Topology)).ToList());
    }

    private async Task AdoptAsync(PeerDesiredState heard)
    {
        var received = new DesiredStateChanged(heard.Version, heard.Text, heard.Origin);
        try
        {
            var outcome = await _control.AdoptAsync(received, _ownFile, CancellationToken.None).ConfigureAwait(false);
            var what = $"desired state version {heard.Version} of host {heard.Origin}";
            if (outcome is null)
            {
                if (_control.Current is { Version: > 1 } current && DesiredStateOrder.Compare(received, DesiredStateOrder.Of(current)) < 0)
                    Publish(current, [heard.From]);
                return;
            }
            foreach (var error in outcome.Errors) _say($"{what}: {error}");
            foreach (var refusal in outcome.Plan?.Refused ?? []) _say($"{what}: {refusal}");
            if (!outcome.Valid) _say($"{what} is not valid here; nothing changed");
            else if (!outcome.Applied) _say($"{what} changes nothing here");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _say($"desired state version {heard.Version} of host {heard.Origin}: {e.Message}; nothing changed");
        }
    }

    private void Publish(DesiredState state, IReadOnlyList<string> peers)
    {
        if (peers.Count == 0) return;
        var request = DesiredStateLines.Format(new PublishStateRequest(state.Version, state.Text, state.Origin, peers));
        _say(Send(request)
            ? $"desired state version {state.Version}: sent to {peers.Count} node(s) on other hosts"
            : $"desired state version {state.Version}: no node of this host runs to send it to the other hosts");
    }

    // Into the first node process that runs: any node of this host reaches every peer.
    private bool Send(string line) => _fleet.Nodes.Any(node => _fleet.TrySend(node, line));

    private IEnumerable<string> Peers(TopologyDefinition topology) =>
        topology.Nodes.Where(n => !LocalNodes.IsLocal(n.Host, _ownAddresses)).Select(n => ActorPaths.Remote(n, ActorPaths.DesiredStateName));
}
