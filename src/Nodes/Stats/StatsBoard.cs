namespace Valkka.Nodes.Stats;

/// <summary>
/// The latest counters of every camera, client and master of a run, fed by node reports.
/// Counters survive node restarts: when a node comes back (a new incarnation) its actors count
/// from zero again, so the board carries what the previous incarnation had counted. It also
/// keeps a short history to give counts over a recent window.
/// </summary>
public sealed class StatsBoard
{
    private sealed class Entry<T>(string node)
    {
        public string Node { get; set; } = node;
        public int Incarnation { get; set; }
        public T? Latest { get; set; }
        public T? Carried { get; set; }
        public DateTimeOffset At { get; set; }
        public List<(DateTimeOffset At, long Count)> History { get; } = [];
    }

    private readonly object _gate = new();
    private readonly Dictionary<string, Entry<CameraRow>> _cameras = new();
    private readonly Dictionary<string, Entry<ClientRow>> _clients = new();
    private readonly Dictionary<string, Entry<MasterRow>> _masters = new();
    private readonly Dictionary<string, Entry<RelayRow>> _relays = new();
    private readonly Dictionary<string, Entry<PublisherRow>> _publishers = new();
    private readonly Dictionary<string, int> _restarts = new();
    private readonly Dictionary<string, string> _nodeStates = new();
    private readonly HashSet<string> _reported = new();
    // Ids a live change removed, with when (Unix ms).
    private readonly Dictionary<string, long> _forgotten = new();
    private readonly Dictionary<(string Client, string Camera), List<(DateTimeOffset At, int Incarnation, long Analyzed)>> _perCamera = new();
    // The cluster's placement of every host's placed cameras, from the latest report that had it.
    private (long AtUnixMs, IReadOnlyList<PlacedCameraRow> Rows) _clusterPlacement = (0, []);

    /// <summary>How many distinct nodes have sent at least one report.</summary>
    public int NodesReported
    {
        get { lock (_gate) return _reported.Count; }
    }

    public void Update(NodeReport report, int incarnation, DateTimeOffset at)
    {
        lock (_gate)
        {
            _reported.Add(report.Node);
            foreach (var row in report.Cameras.Where(r => !Forgotten(r.Id, report)))
                Put(_cameras, row.Id, report.Node, incarnation, at, row);
            foreach (var row in report.Clients.Where(r => !Forgotten(r.Id, report)))
            {
                Put(_clients, row.Id, report.Node, incarnation, at, row);
                foreach (var camera in row.PerCamera)
                {
                    if (!_perCamera.TryGetValue((row.Id, camera.CameraId), out var history))
                        _perCamera[(row.Id, camera.CameraId)] = history = [];
                    history.Add((at, HashCode.Combine(incarnation, row.StartedAtUnixMs), camera.Analyzed));
                    if (history.Count > 3600) history.RemoveRange(0, 600);
                }
            }
            foreach (var row in report.Masters.Where(r => !Forgotten(r.Id, report)))
                Put(_masters, row.Id, report.Node, incarnation, at, row);
            foreach (var row in report.Relays)
                Put(_relays, $"{report.Node}/{row.CameraId}", report.Node, incarnation, at, row);
            foreach (var row in report.Publishers)
                Put(_publishers, $"{row.CameraId}->{row.RelayId}", report.Node, incarnation, at, row);
            ForgetMoved(report);
            if (report.ClusterPlacement is { } placement && report.AtUnixMs >= _clusterPlacement.AtUnixMs)
                _clusterPlacement = (report.AtUnixMs, placement);
        }
    }

    // A placed camera, client or master its node no longer runs was moved by the cluster (maybe to another host, whose
    // launcher shows it now): its old row would stay here, stale.
    private void ForgetMoved(NodeReport report)
    {
        var placed = report.PlacedHere.ToHashSet(StringComparer.Ordinal);
        foreach (var id in _cameras.Where(kv => kv.Value.Node == report.Node && kv.Value.Latest is { Placement: not "pinned" } && !placed.Contains(kv.Key))
                     .Select(kv => kv.Key).ToList())
            _cameras.Remove(id);
        foreach (var id in _clients.Where(kv => kv.Value.Node == report.Node && kv.Value.Latest is { Placement: not "pinned" } && !placed.Contains(kv.Key))
                     .Select(kv => kv.Key).ToList())
        {
            _clients.Remove(id);
            foreach (var key in _perCamera.Keys.Where(k => k.Client == id).ToList()) _perCamera.Remove(key);
        }
        foreach (var id in _masters.Where(kv => kv.Value.Node == report.Node && kv.Value.Latest is { Placement: not "pinned" } && !placed.Contains(kv.Key))
                     .Select(kv => kv.Key).ToList())
            _masters.Remove(id);
    }

    /// <summary>True when count cameras have reported and all of them are streaming.</summary>
    public bool AllStreaming(int count)
    {
        lock (_gate) return _cameras.Count >= count && _cameras.Values.All(c => c.Latest?.Status == "streaming");
    }

    /// <summary>True when every client has reported being attached to every one of its cameras.</summary>
    public bool AllAttached(IReadOnlyDictionary<string, int> camerasPerClient)
    {
        lock (_gate)
            return camerasPerClient.All(kv => _clients.TryGetValue(kv.Key, out var e) && e.Latest is { } row
                                              && row.PerCamera.Count(c => c.Attached) >= kv.Value);
    }

    /// <summary>
    /// The count (frames decoded, analyzed or batched, summed over the node's incarnations) of a camera,
    /// client or master at each of its reports after since; empty when it has none.
    /// </summary>
    public IReadOnlyList<(DateTimeOffset At, long Count)> CountsSince(string id, DateTimeOffset since)
    {
        lock (_gate)
        {
            var history = _clients.TryGetValue(id, out var client) ? client.History
                : _cameras.TryGetValue(id, out var camera) ? camera.History
                : _masters.TryGetValue(id, out var master) ? master.History : [];
            return history.Where(h => h.At > since).ToList();
        }
    }

    /// <summary>
    /// Drops a camera, client or master a live change removed: it no longer counts in the table or the summary,
    /// and a report collected before now (it arrives late) does not bring it back.
    /// </summary>
    public void Forget(string id)
    {
        lock (_gate)
        {
            _forgotten[id] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            _cameras.Remove(id);
            _clients.Remove(id);
            _masters.Remove(id);
            foreach (var key in _perCamera.Keys.Where(k => k.Client == id || k.Camera == id).ToList()) _perCamera.Remove(key);
        }
    }

    private bool Forgotten(string id, NodeReport report) => _forgotten.TryGetValue(id, out var at) && report.AtUnixMs <= at;

    public void SetRestarts(string node, int restarts)
    {
        lock (_gate) _restarts[node] = restarts;
    }

    public void SetNodeState(string node, string state)
    {
        lock (_gate) _nodeStates[node] = state;
    }

    public BoardSnapshot Snapshot(TimeSpan window)
    {
        lock (_gate)
        {
            var perCamera = new Dictionary<(string Client, string Camera), long>();
            foreach (var (key, history) in _perCamera)
            {
                var from = history[^1].At - window;
                long count = 0;
                for (var i = 1; i < history.Count; i++)
                {
                    if (history[i - 1].At < from) continue;
                    // After a restart the counter starts from zero again.
                    count += history[i].Incarnation == history[i - 1].Incarnation
                        ? history[i].Analyzed - history[i - 1].Analyzed
                        : history[i].Analyzed;
                }
                perCamera[key] = count;
            }
            return new BoardSnapshot(
                _cameras.ToDictionary(kv => kv.Key, kv => Totals(kv.Value, window)),
                _clients.ToDictionary(kv => kv.Key, kv => Totals(kv.Value, window)),
                _masters.ToDictionary(kv => kv.Key, kv => Totals(kv.Value, window)),
                new Dictionary<string, int>(_restarts),
                new Dictionary<string, string>(_nodeStates),
                perCamera)
            {
                Relays = _relays.ToDictionary(kv => kv.Key, kv => Totals(kv.Value, window)),
                Publishers = _publishers.ToDictionary(kv => kv.Key, kv => Totals(kv.Value, window)),
                ClusterPlacement = _clusterPlacement.Rows,
            };
        }
    }

    private static void Put<T>(Dictionary<string, Entry<T>> map, string id, string node, int incarnation,
        DateTimeOffset at, T row) where T : class
    {
        if (!map.TryGetValue(id, out var entry)) map[id] = entry = new Entry<T>(node) { Incarnation = incarnation };
        var restarted = incarnation != entry.Incarnation || ActorRestarted(entry.Latest, row);
        if (restarted)
        {
            if (entry.Latest is not null) entry.Carried = ReportFields<T>.Sum(entry.Carried, entry.Latest);
            entry.Incarnation = incarnation;
        }
        entry.Node = node;
        // A client whose details did not arrive in time (no per-camera rows: every client has a
        // camera) keeps the previous details, all of them, rather than reporting zeros.
        if (!restarted && row is ClientRow { PerCamera.Count: 0 } client && entry.Latest is ClientRow { PerCamera.Count: > 0 } previous)
        {
            row = (T)(object)(client with
            {
                PerCamera = previous.PerCamera,
                Forwarded = previous.Forwarded,
                MasterResults = previous.MasterResults,
                NotSentToMaster = previous.NotSentToMaster,
                MasterWaiting = previous.MasterWaiting,
            });
        }
        entry.Latest = row;
        entry.At = at;
        var total = Count(ReportFields<T>.Sum(entry.Carried, row));
        entry.History.Add((at, total));
        if (entry.History.Count > 3600) entry.History.RemoveRange(0, 600);
    }

    private static Totals<T> Totals<T>(Entry<T> entry, TimeSpan window) where T : class
    {
        var total = ReportFields<T>.Sum(entry.Carried, entry.Latest!);
        var windowCount = 0L;
        var windowSeconds = 0.0;
        if (entry.History.Count > 1)
        {
            var last = entry.History[^1];
            var first = entry.History.FirstOrDefault(h => h.At >= last.At - window);
            windowCount = last.Count - first.Count;
            windowSeconds = (last.At - first.At).TotalSeconds;
        }
        return new Totals<T>(entry.Node, total, entry.Latest!, entry.At, windowCount, windowSeconds);
    }

    // A live change restarted the actor inside its node: its counters start again too.
    private static bool ActorRestarted<T>(T? previous, T row) => (previous, row) switch
    {
        (CameraRow a, CameraRow b) => a.StartedAtUnixMs != b.StartedAtUnixMs,
        (ClientRow a, ClientRow b) => a.StartedAtUnixMs != b.StartedAtUnixMs,
        (MasterRow a, MasterRow b) => a.StartedAtUnixMs != b.StartedAtUnixMs,
        _ => false,
    };

    private static long Count<T>(T row) => row switch
    {
        CameraRow c => c.Decoded,
        ClientRow c => c.Analyzed,
        MasterRow m => m.Frames,
        RelayRow r => r.Decoded,
        PublisherRow p => p.Sent,
        _ => 0,
    };
}
