using System.Diagnostics.Metrics;
using System.Reflection;
using Valkka.Nodes.Stats;

namespace Valkka.Nodes.Metrics;

/// <summary>
/// Observable instruments over the counters the actors already keep: each reads the latest node
/// reports (collected once a second for the stats line or the live table), so the hot paths count
/// nothing twice. The instruments are the report rows' fields marked <see cref="CounterAttribute"/> or
/// <see cref="GaugeAttribute"/> with a metric name, labelled per camera (node, camera; a ring's: node,
/// ring), client camera (node, client, camera), client (node, client), master (node, master), relay
/// (node, camera) and publisher (node, camera, relay); and each camera's and relay's status, and where each camera
/// and client runs (host, placed or pinned).
/// </summary>
public sealed class ReportInstruments
{
    private static readonly string[] States = ["connecting", "streaming", "reconnecting", "failed", "stopped"];

    private volatile IReadOnlyList<NodeReport> _reports = [];

    public ReportInstruments(Meter meter)
    {
        Fields(meter, r => r.Cameras.Select(c => Row(c, r.Node, ("camera", c.Id))));
        Fields(meter, r => r.Clients.SelectMany(c => c.PerCamera.Select(camera => Row(camera, r.Node, ("client", c.Id), ("camera", camera.CameraId)))));
        Fields(meter, r => r.Clients.Select(c => Row(c, r.Node, ("client", c.Id))));
        Fields(meter, r => r.Masters.Select(m => Row(m, r.Node, ("master", m.Id))));
        Fields(meter, r => r.Relays.Select(c => Row(c, r.Node, ("camera", c.CameraId))));
        Fields(meter, r => r.Publishers.Select(p => Row(p, r.Node, ("camera", p.CameraId), ("relay", p.RelayId))));

        meter.CreateObservableGauge("valkka.camera.behind", () => Measure(r => r.Cameras.Select(c =>
                new Measurement<long>(c.BehindSince is null ? 0 : 1, new("node", r.Node), new("camera", c.Id)))),
            "{camera}", "1 while the camera's decoder is behind real time (it cannot keep up and skips to its newest keyframe), else 0");
        meter.CreateObservableGauge("valkka.camera.status", () => Measure(r => r.Cameras.SelectMany(c => Status(c.Status, r.Node, c.Id))), "{status}",
            "1 for the camera's current status (label status: connecting, streaming, reconnecting, failed, stopped), 0 for the others");
        meter.CreateObservableGauge("valkka.camera.placement", () => Measure(r => r.Cameras.Select(c =>
                new Measurement<long>(1, new("node", r.Node), new("camera", c.Id), new("host", c.Host), new("placement", c.Placement)))), "{camera}",
            "1 for each camera where it runs: labels host (its node's host) and placement (placed: the cluster chose the node; pinned: key node)");
        meter.CreateObservableGauge("valkka.client.placement", () => Measure(r => r.Clients.Select(c =>
                new Measurement<long>(1, new("node", r.Node), new("client", c.Id), new("host", c.Host), new("placement", c.Placement)))), "{client}",
            "1 for each client where it runs: labels host and placement (with-camera: it runs where its camera is placed; pinned: key node)");
        meter.CreateObservableGauge("valkka.master.placement", () => Measure(r => r.Masters.Select(m =>
                new Measurement<long>(1, new("node", r.Node), new("master", m.Id), new("host", m.Host), new("placement", m.Placement)))), "{master}",
            "1 for each master where it runs: labels host and placement (placed: the cluster chose the node; pinned: key node)");
        meter.CreateObservableGauge("valkka.relay.status", () => Measure(r => r.Relays.SelectMany(c => Status(c.Status, r.Node, c.CameraId))),
            "{status}", "1 for the relay's current status (label status, as for cameras), 0 for the others");
    }

    /// <summary>
    /// The reports the instruments read from now on (the latest of every node in this process),
    /// merged with the previous ones so that no counter goes back (<see cref="MonotonicReports"/>).
    /// </summary>
    public void Update(IReadOnlyList<NodeReport> reports) => _reports = MonotonicReports.Merge(_reports, reports);

    private static (T Row, KeyValuePair<string, object?>[] Labels) Row<T>(T row, string node, params (string Key, string Value)[] labels) =>
        (row, [new("node", node), .. labels.Select(l => new KeyValuePair<string, object?>(l.Key, l.Value))]);

    private void Fields<T>(Meter meter, Func<NodeReport, IEnumerable<(T Row, KeyValuePair<string, object?>[] Labels)>> rows) where T : class
    {
        foreach (var field in ReportFields<T>.Counters)
        {
            var counter = field.GetCustomAttribute<CounterAttribute>()!;
            if (counter.Metric is null) continue;
            if (field.PropertyType == typeof(double))
                meter.CreateObservableCounter(counter.Metric, () => Values<T, double>(rows, field, counter.Label), counter.Unit, counter.Description);
            else
                meter.CreateObservableCounter(counter.Metric, () => Values<T, long>(rows, field, counter.Label), counter.Unit, counter.Description);
        }
        foreach (var field in ReportFields<T>.Gauges)
        {
            var gauge = field.GetCustomAttribute<GaugeAttribute>()!;
            if (field.PropertyType == typeof(double))
                meter.CreateObservableGauge(gauge.Metric, () => Values<T, double>(rows, field, gauge.Label), gauge.Unit, gauge.Description);
            else
                meter.CreateObservableGauge(gauge.Metric, () => Values<T, long>(rows, field, gauge.Label), gauge.Unit, gauge.Description);
        }
    }

    // label: the name of the row's own label when the metric calls it otherwise (a camera's ring).
    private IEnumerable<Measurement<TValue>> Values<T, TValue>(Func<NodeReport, IEnumerable<(T Row, KeyValuePair<string, object?>[] Labels)>> rows,
        PropertyInfo field, string? label) where TValue : struct =>
        Measure(r => rows(r).Select(row => new Measurement<TValue>((TValue)Convert.ChangeType(field.GetValue(row.Row)!, typeof(TValue)),
            label is null ? row.Labels : [row.Labels[0], new(label, row.Labels[^1].Value)])));

    private IEnumerable<Measurement<T>> Measure<T>(Func<NodeReport, IEnumerable<Measurement<T>>> measurements) where T : struct =>
        _reports.SelectMany(measurements).ToList();

    private static IEnumerable<Measurement<long>> Status(string current, string node, string id) =>
        States.Select(state => new Measurement<long>(current == state ? 1 : 0, new("node", node), new("camera", id), new("status", state)));
}
