using System.Diagnostics.Metrics;
using Valkka.Nodes.Stats;

namespace Valkka.Nodes.Metrics;

/// <summary>
/// Observable instruments over the counters the actors already keep: each reads the latest node
/// reports (collected once a second for the stats line or the live table), so the hot paths count
/// nothing twice. Per camera (labels node, camera), ring (node, ring), client (node, client, camera),
/// master (node, master).
/// </summary>
public sealed class ReportInstruments
{
    private static readonly string[] States = ["connecting", "streaming", "reconnecting", "failed", "stopped"];

    private volatile IReadOnlyList<NodeReport> _reports = [];

    public ReportInstruments(Meter meter)
    {
        Counter(meter, "valkka.camera.frames.decoded", "Frames the camera's decoder decoded", Cameras(c => c.Decoded));
        Counter(meter, "valkka.camera.frames.published", "Frames the camera wrote into its ring", Cameras(c => c.Published));
        Counter(meter, "valkka.camera.frames.dropped", "Frames wanted and not written: the ring or the target was full", Cameras(c => c.Dropped));
        Counter(meter, "valkka.camera.frames.skipped_for_rate",
            "Frames left out on purpose (not decoded, or not converted): no reader wanted them at its rate", Cameras(c => c.SkippedForRate));
        Counter(meter, "valkka.camera.frames.lost", "Frames sent to the decoder that never came out (damaged)", Cameras(c => c.Lost));
        Counter(meter, "valkka.camera.reconnects", "Times the camera lost its stream and began reconnecting", Cameras(c => c.Reconnects), "{reconnect}");
        meter.CreateObservableCounter("valkka.camera.decode.time", () => Each(r => r.Cameras, "camera", c => c.Id, c => c.DecodeSeconds),
            "s", "Time the camera's decoder spent in libavcodec (pacing excluded)");
        meter.CreateObservableGauge("valkka.camera.status", StatusMeasurements, "{status}",
            "1 for the camera's current status (label status: connecting, streaming, reconnecting, failed, stopped), 0 for the others");
        meter.CreateObservableGauge("valkka.camera.readers", () => Each(r => r.Cameras, "camera", c => c.Id, c => (long)c.Readers),
            "{reader}", "Readers subscribed to the camera's ring");

        meter.CreateObservableGauge("valkka.ring.slots", () => Each(r => r.Cameras, "ring", c => c.Id, c => (long)c.RingSlots),
            "{slot}", "Slots of the camera's ring");
        meter.CreateObservableGauge("valkka.ring.slots.leased", () => Each(r => r.Cameras, "ring", c => c.Id, c => (long)c.LeasedSlots),
            "{slot}", "Slots of the ring a reader holds a lease on (occupancy)");
        meter.CreateObservableGauge("valkka.ring.lease.oldest.age", () => Each(r => r.Cameras, "ring", c => c.Id, c => c.OldestLeaseSeconds),
            "s", "How long the oldest lease still held in the ring has been held (0: none)");
        meter.CreateObservableCounter("valkka.ring.leases.expired", () => Each(r => r.Cameras, "ring", c => c.Id, c => c.LeasesExpired),
            "{lease}", "Leases cleared because a reader held them longer than the lease timeout");

        Counter(meter, "valkka.client.frames.analyzed", "Frames the client's analyzer ran on", PerCamera(c => c.Analyzed));
        Counter(meter, "valkka.client.frames.skipped", "Frames the client missed because it was busy (latest wins)", PerCamera(c => c.Skipped));
        Counter(meter, "valkka.client.frames.stale", "Announced frames already overwritten when the client leased them", PerCamera(c => c.Stale));
        Counter(meter, "valkka.client.frames.skipped_for_rate", "Frames left out on purpose: not due at the rate the client asked for",
            PerCamera(c => c.SkippedForRate));
        Counter(meter, "valkka.client.frames.forwarded", "Frames the client forwarded to its master", Clients(c => c.Forwarded));
        Counter(meter, "valkka.client.results", "Results of the client's own analyzer", Clients(c => c.Results), "{result}");
        Counter(meter, "valkka.client.master_results", "Results the client received from its master", Clients(c => c.MasterResults), "{result}");

        Counter(meter, "valkka.master.batches", "Batches the master's analyzer ran", Masters(m => m.Batches), "{batch}");
        Counter(meter, "valkka.master.frames", "Frames in the master's batches", Masters(m => m.Frames));
        Counter(meter, "valkka.master.frames.stale", "Requests whose frame was overwritten before the master could lease it", Masters(m => m.Stale));
        Counter(meter, "valkka.master.results", "Results the master sent back", Masters(m => m.Results), "{result}");
    }

    /// <summary>
    /// The reports the instruments read from now on (the latest of every node in this process),
    /// merged with the previous ones so that no counter goes back (<see cref="MonotonicReports"/>).
    /// </summary>
    public void Update(IReadOnlyList<NodeReport> reports) => _reports = MonotonicReports.Merge(_reports, reports);

    private static void Counter(Meter meter, string name, string description, Func<IEnumerable<Measurement<long>>> observe, string unit = "{frame}") =>
        meter.CreateObservableCounter(name, observe, unit, description);

    private Func<IEnumerable<Measurement<long>>> Cameras(Func<CameraRow, long> value) =>
        () => Each(r => r.Cameras, "camera", c => c.Id, value);

    private Func<IEnumerable<Measurement<long>>> Clients(Func<ClientRow, long> value) =>
        () => Each(r => r.Clients, "client", c => c.Id, value);

    private Func<IEnumerable<Measurement<long>>> Masters(Func<MasterRow, long> value) =>
        () => Each(r => r.Masters, "master", m => m.Id, value);

    private Func<IEnumerable<Measurement<long>>> PerCamera(Func<ClientCameraRow, long> value) =>
        () => _reports.SelectMany(r => r.Clients.SelectMany(c => c.PerCamera.Select(camera => new Measurement<long>(value(camera),
            new("node", r.Node), new("client", c.Id), new("camera", camera.CameraId))))).ToList();

    private IEnumerable<Measurement<T>> Each<TRow, T>(Func<NodeReport, IReadOnlyList<TRow>> rows, string label, Func<TRow, string> id,
        Func<TRow, T> value) where T : struct =>
        _reports.SelectMany(r => rows(r).Select(row => new Measurement<T>(value(row), new("node", r.Node), new(label, id(row))))).ToList();

    private IEnumerable<Measurement<long>> StatusMeasurements() =>
        _reports.SelectMany(r => r.Cameras.SelectMany(c => States.Select(state => new Measurement<long>(c.Status == state ? 1 : 0,
            new("node", r.Node), new("camera", c.Id), new("status", state))))).ToList();
}
