using Valkka.Actors.Topology;
using Valkka.Actors.Topology.Changes;
using Valkka.Nodes.Placement;

namespace Valkka.Nodes.Node;

/// <summary>
/// Carries out one phase of a change on the parts of the nodes this process runs: only the parts the
/// plan names are stopped or started; everything else keeps running untouched.
/// </summary>
internal sealed class NodeChanges(NodeParts parts, Func<TopologyDefinition, IReadOnlyList<string>> nodesOf, bool runsRelays)
{
    /// <summary>What did not go as planned (empty: all of it did); the rest of the phase is carried out regardless.</summary>
    public async Task<IReadOnlyList<string>> ApplyAsync(ApplyPhase phase, TopologyDefinition running, TopologyDefinition desired)
    {
        var plan = TopologyDiff.Plan(running, desired);
        var nodes = nodesOf(desired);
        var failures = new List<string>();
        // The start phase stops first what is still running of what the plan stops: a node that missed
        // the stop phase (it was starting) is brought to the same state.
        foreach (var kind in new[] { PartKinds.Client, PartKinds.Master, PartKinds.Camera })
            await Each(plan.Stopped(kind).Where(id => !PlacedInBoth.Of(running, desired, kind, id)), id => parts.StopAsync(kind, id), kind, failures)
                .ConfigureAwait(false);
        var wanted = WantedRelays(desired, plan, nodes);
        await Each(parts.Relays.Where(r => !wanted.Contains((r.Node, r.Id))).Select(r => r.Id).ToList(),
            id => parts.StopAsync("relay", id), "relay", failures).ConfigureAwait(false);
        if (phase == ApplyPhase.Stop) return failures;
        await Each(Ours(plan.Started(PartKinds.Camera), desired.Cameras, c => c.Id, c => c.Node, nodes),
            c => Start(() => parts.StartCamera(desired, c)), PartKinds.Camera, failures, c => c.Id).ConfigureAwait(false);
        foreach (var (node, camera) in WantedRelays(desired, plan, nodes).Where(r => parts.Relays.All(p => (p.Node, p.Id) != r)).ToList())
            await Each([desired.Camera(camera)], c => Start(() => parts.StartRelay(desired, node, c)), "relay", failures, c => c.Id).ConfigureAwait(false);
        await Each(Ours(plan.Started(PartKinds.Master), desired.Masters, m => m.Id, m => m.Node, nodes),
            m => Start(() => parts.StartMaster(desired, m)), PartKinds.Master, failures, m => m.Id).ConfigureAwait(false);
        await Each(Ours(plan.Started(PartKinds.Client), desired.Clients, c => c.Id, c => c.Node, nodes),
            c => Start(() => parts.StartClient(desired, c)), PartKinds.Client, failures, c => c.Id).ConfigureAwait(false);
        return failures;
    }

    // The relays these nodes run for cameras of other hosts, except those of cameras the change restarts.
    private HashSet<(string Node, string Camera)> WantedRelays(TopologyDefinition desired, TopologyPlan plan, IReadOnlyList<string> nodes) =>
        !runsRelays ? [] : nodes.SelectMany(node => CameraRoutes.RelayedOn(desired, node).Select(c => (node, c.Id)))
            .Where(r => !plan.Stopped(PartKinds.Camera).Contains(r.Id) || plan.Started(PartKinds.Camera).Contains(r.Id))
            .ToHashSet();

    private static List<T> Ours<T>(IReadOnlySet<string> ids, IEnumerable<T> definitions, Func<T, string> id, Func<T, string> node, IReadOnlyList<string> nodes) =>
        definitions.Where(d => ids.Contains(id(d)) && nodes.Contains(node(d))).ToList();

    private static Task Start(Action start)
    {
        start();
        return Task.CompletedTask;
    }

    private static Task Each(IEnumerable<string> ids, Func<string, Task> act, string kind, List<string> failures) =>
        Each(ids, act, kind, failures, id => id);

    private static async Task Each<T>(IEnumerable<T> items, Func<T, Task> act, string kind, List<string> failures, Func<T, string> id)
    {
        foreach (var item in items)
        {
            try { await act(item).ConfigureAwait(false); }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                failures.Add($"{kind} {id(item)}: {e.Message}");
            }
        }
    }
}
