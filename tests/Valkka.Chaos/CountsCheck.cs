using Valkka.Actors.Topology;
using Valkka.Nodes.Stats;

namespace Valkka.Chaos;

/// <summary>
/// Whether the counters add up over one fault (from the snapshot before it to the one after, summed
/// over every node's incarnations): no client handled more frames than its cameras published, no
/// master analyzed more than the clients forwarded, no client got more master results than it
/// forwarded. Slack: two seconds of frames, since nodes report at different moments.
/// </summary>
public static class CountsCheck
{
    public static IReadOnlyList<string> Problems(TopologyDefinition topology, BoardSnapshot before, BoardSnapshot board, FlowCheck flow)
    {
        long Published(string camera) => Delta(before.Cameras, board.Cameras, camera, c => c.Published);
        var problems = new List<string>();
        long forwarded = 0;
        double allFps = 0;
        foreach (var client in topology.Clients)
        {
            if (!board.Clients.TryGetValue(client.Id, out var c)) continue;
            var was = before.Clients.TryGetValue(client.Id, out var b) ? b.Total : c.Total with { Analyzed = 0, Skipped = 0, Stale = 0, SkippedForRate = 0, Forwarded = 0, MasterResults = 0 };
            var slack = 2 * flow.TargetFps(client) + 2;
            allFps += flow.TargetFps(client);
            var handled = c.Total.Analyzed + c.Total.Skipped + c.Total.Stale + c.Total.SkippedForRate
                          - (was.Analyzed + was.Skipped + was.Stale + was.SkippedForRate);
            var published = client.Cameras.Sum(Published);
            if (handled > published + slack)
                problems.Add($"client {client.Id} handled {handled} frames, its cameras published {published}");
            var results = c.Total.MasterResults - was.MasterResults;
            var sent = c.Total.Forwarded - was.Forwarded;
            if (results > sent + slack)
                problems.Add($"client {client.Id} got {results} master results for {sent} forwarded");
            forwarded += sent;
        }
        foreach (var master in topology.Masters)
        {
            var frames = Delta(before.Masters, board.Masters, master.Id, m => m.Frames);
            if (frames > forwarded + 2 * allFps + 2)
                problems.Add($"master {master.Id} analyzed {frames} frames, clients forwarded {forwarded}");
        }
        return problems;
    }

    private static long Delta<T>(IReadOnlyDictionary<string, Totals<T>> before, IReadOnlyDictionary<string, Totals<T>> after, string id, Func<T, long> count) =>
        (after.TryGetValue(id, out var a) ? count(a.Total) : 0) - (before.TryGetValue(id, out var b) ? count(b.Total) : 0);
}
