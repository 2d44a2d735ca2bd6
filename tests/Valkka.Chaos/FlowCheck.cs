using Valkka.Actors.Topology;
using Valkka.Nodes.Stats;

namespace Valkka.Chaos;

/// <summary>
/// Whether the topology works: every client analyzes at least 90 % of what its cameras deliver
/// (their rate measured before any fault, or the client's own wanted rate if lower), every camera
/// streams, every master analyzes, and every report is fresh (a frozen or dead node's last report
/// does not count).
/// </summary>
public sealed class FlowCheck(TopologyDefinition topology, StatsBoard board)
{
    public const double Share = 0.9;
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Fresh = TimeSpan.FromSeconds(2);
    private readonly Dictionary<string, double> _cameraFps = new();

    public IReadOnlyDictionary<string, double> CameraFps => _cameraFps;

    /// <summary>Takes each camera's rate now as "its fps" (call once everything runs).</summary>
    public void MeasureCameras()
    {
        var snapshot = board.Snapshot(Window);
        foreach (var camera in topology.Cameras)
            _cameraFps[camera.Id] = snapshot.Cameras.TryGetValue(camera.Id, out var c) ? Rate(c) : 0;
    }

    /// <summary>
    /// Problems now, one line each (empty: everything flows). except: ids of clients, cameras and
    /// masters a fault takes away on purpose; since: only reports after this moment count.
    /// </summary>
    public IReadOnlyList<string> Problems(IReadOnlySet<string>? except = null, DateTimeOffset? since = null) =>
        Check(except, since).Select(p => p.Problem).ToList();

    /// <summary>The ids of the clients, cameras and masters that do not flow now.</summary>
    public IReadOnlySet<string> Failing(DateTimeOffset? since = null) => Check(null, since).Select(p => p.Id).ToHashSet();

    private List<(string Id, string Problem)> Check(IReadOnlySet<string>? except, DateTimeOffset? since)
    {
        bool Stale(DateTimeOffset at, DateTimeOffset now) => now - at > Fresh || (since is { } s && at <= s);
        var now = DateTimeOffset.UtcNow;
        var snapshot = board.Snapshot(Window);
        var found = new List<(string Id, string Problem)>();
        foreach (var client in topology.Clients.Where(c => except?.Contains(c.Id) != true))
        {
            if (!snapshot.Clients.TryGetValue(client.Id, out var totals)) { found.Add((client.Id, $"client {client.Id}: no report yet")); continue; }
            if (Stale(totals.At, now)) { found.Add((client.Id, $"client {client.Id}: no report for {(now - totals.At).TotalSeconds:0.0}s")); continue; }
            var target = Target(client, totals);
            var rate = Rate(totals);
            // Before the cameras' rates are measured (start-up), analyzing at all is enough.
            if (rate <= 0 || (_cameraFps.Count > 0 && rate < Share * target))
                found.Add((client.Id, $"client {client.Id}: {rate:0.0} fps, wants >= {Share * target:0.0}"));
        }
        foreach (var camera in topology.Cameras.Where(c => except?.Contains(c.Id) != true))
        {
            if (!snapshot.Cameras.TryGetValue(camera.Id, out var c)) found.Add((camera.Id, $"camera {camera.Id}: no report yet"));
            else if (Stale(c.At, now)) found.Add((camera.Id, $"camera {camera.Id}: no report for {(now - c.At).TotalSeconds:0.0}s"));
            else if (c.Latest.Status != "streaming") found.Add((camera.Id, $"camera {camera.Id}: {c.Latest.Status} {c.Latest.Reason}"));
        }
        foreach (var master in topology.Masters.Where(m => except?.Contains(m.Id) != true))
        {
            if (!snapshot.Masters.TryGetValue(master.Id, out var m)) found.Add((master.Id, $"master {master.Id}: no report yet"));
            else if (Stale(m.At, now)) found.Add((master.Id, $"master {master.Id}: no report for {(now - m.At).TotalSeconds:0.0}s"));
            else if (m.WindowCount <= 0) found.Add((master.Id, $"master {master.Id}: analyzed nothing for {Window.TotalSeconds:0}s"));
        }
        return found;
    }

    /// <summary>
    /// When everything flowed again after since (ask once <see cref="Problems"/> found none): the latest,
    /// over every client, camera and master, of the report by which its count rose again at the rate
    /// the check wants (clients and cameras >= 90 % of their rate, masters any) and kept that rate for
    /// at least <see cref="Confirm"/> up to its last report. Null when a part has no such report.
    /// The check itself needs a few seconds of reports to see a rate; this says when the flow came back.
    /// </summary>
    public DateTimeOffset? ResumedAt(DateTimeOffset since)
    {
        var snapshot = board.Snapshot(Window);
        var wanted = topology.Clients.Select(c => (c.Id, snapshot.Clients.TryGetValue(c.Id, out var t) ? Share * Target(c, t) : 0))
            .Concat(topology.Cameras.Select(c => (c.Id, Share * _cameraFps.GetValueOrDefault(c.Id))))
            .Concat(topology.Masters.Select(m => (m.Id, 0.0)));
        var latest = since;
        foreach (var (id, fps) in wanted)
        {
            if (Resumed(id, since, fps) is not { } at) return null;
            if (at > latest) latest = at;
        }
        return latest;
    }

    private static readonly TimeSpan Confirm = TimeSpan.FromSeconds(2);

    private DateTimeOffset? Resumed(string id, DateTimeOffset since, double wantedFps)
    {
        var counts = board.CountsSince(id, since);
        if (counts.Count < 2) return null;
        var last = counts[^1];
        for (var i = 0; i + 1 < counts.Count; i++)
        {
            var seconds = (last.At - counts[i].At).TotalSeconds;
            if (seconds < Confirm.TotalSeconds) break;
            // The later report of the first interval with frames: by then the flow had surely resumed.
            if (counts[i + 1].Count > counts[i].Count && (last.Count - counts[i].Count) / seconds >= wantedFps) return counts[i + 1].At;
        }
        return null;
    }

    private double Target(ClientDefinition client, Totals<ClientRow> totals) =>
        client.Cameras.Sum(camera => Math.Min(_cameraFps.GetValueOrDefault(camera),
            totals.Latest.PerCamera.FirstOrDefault(c => c.CameraId == camera)?.WantedFps ?? double.MaxValue));

    /// <summary>Frames each client analyzed in all (summed over its node's incarnations), and when it said so.</summary>
    public IReadOnlyDictionary<string, (long Analyzed, DateTimeOffset At)> Analyzed() =>
        board.Snapshot(Window).Clients.ToDictionary(kv => kv.Key, kv => (kv.Value.Total.Analyzed, kv.Value.At));

    /// <summary>What a client should analyze a second (the sum over its cameras).</summary>
    public double TargetFps(ClientDefinition client) => client.Cameras.Sum(c => _cameraFps.GetValueOrDefault(c));

    // Over a window shorter than two seconds (just restarted) a rate means little: report none yet.
    private static double Rate<T>(Totals<T> totals) =>
        totals.WindowSeconds < 2 ? 0 : totals.WindowCount / totals.WindowSeconds;
}
