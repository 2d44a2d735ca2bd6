namespace Valkka.Actors.Topology.Changes;

/// <summary>
/// Plans a change of a running topology to a new desired state: only what differs is stopped and started.
/// A client is also changed when a camera it reads or its master moves to another node (its actor paths
/// change); one whose camera only restarts in place finds it again by itself.
/// </summary>
public static class TopologyDiff
{
    public static TopologyPlan Plan(TopologyDefinition running, TopologyDefinition desired)
    {
        var refused = Refusals(running, desired).ToList();
        var changes = new List<PlannedChange>();
        changes.AddRange(Compare(PartKinds.Node, running.Nodes, desired.Nodes, n => n.Name, DefinitionDifferences.Of));
        changes.AddRange(Compare(PartKinds.Camera, running.Cameras, desired.Cameras, c => c.Id, DefinitionDifferences.Of));
        changes.AddRange(Compare(PartKinds.Master, running.Masters, desired.Masters, m => m.Id, DefinitionDifferences.Of));
        var moved = changes.Where(c => c.Action == ChangeAction.Changed && c.Why?.Contains("node") == true).Select(c => c.Id).ToHashSet();
        var movedHosts = MovedNodes(running, desired);
        foreach (var change in Compare(PartKinds.Client, running.Clients, desired.Clients, c => c.Id, DefinitionDifferences.Of))
            changes.Add(change);
        foreach (var client in desired.Clients.Where(c => running.Clients.Any(r => r.Id == c.Id) && changes.All(x => x.Kind != PartKinds.Client || x.Id != c.Id)))
        {
            var why = client.Cameras.Where(id => moved.Contains(id) || movedHosts.Contains(desired.Cameras.FirstOrDefault(c => c.Id == id)?.Node ?? ""))
                .Select(id => $"camera {id} moved").ToList();
            if (client.Master is { } master && (moved.Contains(master) || movedHosts.Contains(desired.Masters.FirstOrDefault(m => m.Id == master)?.Node ?? "")))
                why.Add($"master {master} moved");
            if (why.Count > 0) changes.Add(new PlannedChange(PartKinds.Client, client.Id, ChangeAction.Changed, string.Join(", ", why)));
        }
        return new TopologyPlan(changes, refused);
    }

    // Nodes whose address changed: the actors on them have new paths.
    private static HashSet<string> MovedNodes(TopologyDefinition running, TopologyDefinition desired) =>
        desired.Nodes.Where(n => running.Nodes.FirstOrDefault(r => r.Name == n.Name) is { } r && DefinitionDifferences.Of(r, n).Count > 0)
            .Select(n => n.Name).ToHashSet();

    private static IEnumerable<PlannedChange> Compare<T>(string kind, IReadOnlyList<T> running, IReadOnlyList<T> desired, Func<T, string> id,
        Func<T, T, IReadOnlyList<string>> differences)
    {
        var before = running.ToDictionary(id);
        var after = desired.ToDictionary(id);
        foreach (var (key, old) in before)
        {
            if (!after.TryGetValue(key, out var next)) yield return new PlannedChange(kind, key, ChangeAction.Removed);
            else if (differences(old, next) is { Count: > 0 } keys) yield return new PlannedChange(kind, key, ChangeAction.Changed, string.Join(", ", keys));
        }
        foreach (var key in after.Keys.Where(k => !before.ContainsKey(k)))
            yield return new PlannedChange(kind, key, ChangeAction.Added);
    }

    // The record compares its per-node ports by reference: a file read again always differed.
    private static bool SameMetrics(MetricsDefinition? a, MetricsDefinition? b) =>
        a is null || b is null ? a == b
            : a.Host == b.Host && a.Port == b.Port && a.NodePorts.Count == b.NodePorts.Count
              && a.NodePorts.All(p => b.NodePorts.TryGetValue(p.Key, out var port) && port == p.Value);

    // What a running deployment cannot take without starting anew: every ring and actor name depends on
    // the topology's name, and TLS, metrics and the web server are set up when processes start.
    private static IEnumerable<string> Refusals(TopologyDefinition running, TopologyDefinition desired)
    {
        if (running.Name != desired.Name)
            yield return $"name: the running topology is \"{running.Name}\", the new file names \"{desired.Name}\" (a rename needs a new start: rings are named by it)";
        if (running.Tls != desired.Tls)
            yield return "tls: TLS settings cannot change at run time (restart the deployment)";
        if (running.Insecure != desired.Insecure)
            yield return "insecure: cannot change at run time (restart the deployment)";
        if (!SameMetrics(running.Metrics, desired.Metrics))
            yield return "metrics: cannot change at run time (restart the deployment)";
        if (running.Web != desired.Web)
            yield return "web: cannot change at run time (restart the deployment)";
    }
}
