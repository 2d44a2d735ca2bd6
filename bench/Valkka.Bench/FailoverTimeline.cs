using Valkka.TestSupport;

namespace Valkka.Bench;

/// <summary>
/// Reads one host loss from the survivors' log lines (Akka's time stamps) and the clients' first-frame files: when the
/// lost node was first marked unreachable and removed, when the placement singleton wrote each lost camera elsewhere,
/// when its new node started it and when its client analyzed its first frame there.
/// </summary>
public static class FailoverTimeline
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    public static async Task<FailoverLoss> WaitAsync(FailoverHosts hosts, int index, int lost, bool hadDecider, DateTime at, IReadOnlyList<string> cameras)
    {
        var survivors = Enumerable.Range(0, hosts.Count).Where(h => h != lost).ToList();
        var clients = cameras.Select(c => "c" + c[3..]).ToList();
        var address = hosts.AddressTail(lost);
        // Polled every 200 ms: the survivors' logs are read whole each time, and the bench must not load the machine it measures.
        await Wait.UntilAsync(async () => { await Task.Delay(200); return Done(); }, Deadline, $"the cameras of host {hosts.Hosts[lost].Name} ({string.Join(", ", cameras)}) analyzed on the survivors");
        // Log lines come through the nodes' stdout and may arrive after a first frame: every milestone's line is waited for.
        bool Done() => clients.All(c => FirstFrameAfter(hosts, c, at) is not null) && cameras.All(c => Last(hosts, survivors, at, $"placement: camera {c} started on node") is not null)
                       && First(hosts, survivors, at, $"{address} is unreachable") is not null && First(hosts, survivors, at, $"{address} was removed") is not null
                       && cameras.All(c => First(hosts, survivors, at, $"placement: camera {c} -> node ") is not null);
        DateTime Must(DateTime? t, string what) => t ?? throw new InvalidOperationException($"loss {index + 1}: no log line for {what}");
        var unreachable = Must(First(hosts, survivors, at, $"{address} is unreachable"), "unreachable");
        var removed = Must(First(hosts, survivors, at, $"{address} was removed"), "removed");
        var placed = cameras.Select(c => Must(First(hosts, survivors, at, $"placement: camera {c} -> node "), $"placement of {c}")).Max();
        var started = cameras.Select(c => Must(Last(hosts, survivors, at, $"placement: camera {c} started on node"), $"start of {c}")).Max();
        var analyzing = clients.Select(c => FirstFrameAfter(hosts, c, at)!.Value).Max();
        var falseDowns = Enumerable.Range(0, hosts.Count).Where(h => h != lost)
            .Where(h => First(hosts, survivors, at, $"{hosts.AddressTail(h)} was removed") is not null).Select(h => hosts.Hosts[h].Name).ToList();
        return new FailoverLoss(index + 1, hosts.Hosts[lost].Name, hadDecider, cameras.Count, Seconds(unreachable - at), Seconds(removed - unreachable),
            Seconds(placed - removed), Seconds(started - placed), Seconds(analyzing - started), falseDowns);
    }

    private static double Seconds(TimeSpan t) => t.TotalSeconds;

    private static IEnumerable<DateTime> Times(FailoverHosts hosts, IEnumerable<int> nodes, DateTime after, string text) =>
        nodes.SelectMany(h => hosts.Node(h).Lines.Where(l => l.Contains(text, StringComparison.Ordinal)))
            .Select(AkkaLogTime.Of).OfType<DateTime>().Where(t => t >= after);

    private static DateTime? First(FailoverHosts hosts, IEnumerable<int> nodes, DateTime after, string text) =>
        Times(hosts, nodes, after, text).Select(t => (DateTime?)t).Min();

    private static DateTime? Last(FailoverHosts hosts, IEnumerable<int> nodes, DateTime after, string text) =>
        Times(hosts, nodes, after, text).Select(t => (DateTime?)t).Max();

    /// <summary>The first frame the client analyzed after the loss (any incarnation's), as a UTC time.</summary>
    private static DateTime? FirstFrameAfter(FailoverHosts hosts, string client, DateTime after)
    {
        var path = hosts.Marks(client);
        if (!File.Exists(path)) return null;
        var since = new DateTimeOffset(after).ToUnixTimeMilliseconds();
        return File.ReadAllLines(path).Where(l => long.TryParse(l, out _)).Select(long.Parse).Where(ms => ms >= since)
            .Select(ms => (DateTime?)DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime).Min();
    }
}
