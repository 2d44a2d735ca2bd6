using Valkka.Actors.Topology;
using Valkka.Nodes.Stats;

namespace Valkka.Chaos;

/// <summary>
/// Whether the counters add up (summed over every node's incarnations): no client handled more
/// frames than its cameras published, no master analyzed more than the clients forwarded, no client
/// got more master results than it forwarded. Slack: two seconds of frames, since nodes report at
/// different moments.
/// </summary>
public static class CountsCheck
{
    public static IReadOnlyList<string> Problems(TopologyDefinition topology, BoardSnapshot board, FlowCheck flow)
    {
        var problems = new List<string>();
        long forwarded = 0;
        double allFps = 0;
        foreach (var client in topology.Clients)
        {
            if (!board.Clients.TryGetValue(client.Id, out var c)) continue;
            var slack = 2 * flow.TargetFps(client) + 2;
            allFps += flow.TargetFps(client);
            var handled = c.Total.Analyzed + c.Total.Skipped + c.Total.Stale + c.Total.SkippedForRate;
            var published = client.Cameras.Sum(id => board.Cameras.TryGetValue(id, out var cam) ? cam.Total.Published : 0);
            if (handled > published + slack)
                problems.Add($"client {client.Id} handled {handled} frames, its cameras published {published}");
            if (c.Total.MasterResults > c.Total.Forwarded + slack)
                problems.Add($"client {client.Id} got {c.Total.MasterResults} master results for {c.Total.Forwarded} forwarded");
            forwarded += c.Total.Forwarded;
        }
        foreach (var master in topology.Masters)
        {
            if (board.Masters.TryGetValue(master.Id, out var m) && m.Total.Frames > forwarded + 2 * allFps + 2)
                problems.Add($"master {master.Id} analyzed {m.Total.Frames} frames, clients forwarded {forwarded}");
        }
        return problems;
    }
}
