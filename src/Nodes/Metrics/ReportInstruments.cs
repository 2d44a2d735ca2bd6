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
        Counter(meter, "valkka.camera.frames.discarded_behind",
            "Frames wanted at the readers' rate and discarded unread while the decoder was behind real time (skipping to its newest keyframe)",
            Cameras(c => c.DiscardedBehind));
        meter.CreateObservableGauge("valkka.camera.behind", () => Each(r => r.Cameras, "camera", c => c.Id, c => c.BehindSince is null ? 0L : 1L),
            "{camera}", "1 while the camera's decoder is behind real time (it cannot keep up and skips to its newest keyframe), else 0");
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
        Counter(meter, "valkka.master.frames.skipped", "Requests replaced by a newer one of the same client while waiting for a batch (latest wins)",
            Masters(m => m.Skipped));
        Counter(meter, "valkka.master.results", "Results the master sent back", Masters(m => m.Results), "{result}");

        Counter(meter, "valkka.relay.packets.received", "Encoded packets the relay received from the camera's host", Relays(r => r.PacketsReceived), "{packet}");
        Counter(meter, "valkka.relay.frames.decoded", "Frames the relay decoded on this host", Relays(r => r.Decoded));
        Counter(meter, "valkka.relay.packets.lost_on_wire", "Packets missing in the sequence the relay received", Relays(r => r.LostOnWire), "{packet}");
        Counter(meter, "valkka.relay.packets.queue_dropped", "Packets dropped because the relay's decoder queue was full", Relays(r => r.QueueDropped), "{packet}");
        Counter(meter, "valkka.relay.packets.dropped_upstream", "Packets the camera's host did not send to this relay (no credit, skipped to a keyframe)",
            Relays(r => r.DroppedUpstream), "{packet}");
        meter.CreateObservableGauge("valkka.relay.status", () => _reports.SelectMany(r => r.Relays.SelectMany(c => States.Select(state =>
            new Measurement<long>(c.Status == state ? 1 : 0, new("node", r.Node), new("camera", c.CameraId), new("status", state))))).ToList(),
            "{status}", "1 for the relay's current status (label status, as for cameras), 0 for the others");

        Counter(meter, "valkka.publisher.packets.sent", "Encoded packets the camera sent to a relay on another host", Publishers(p => p.Sent), "{packet}");
        Counter(meter, "valkka.publisher.sent", "Bytes of encoded packets the camera sent to a relay", Publishers(p => p.Bytes), "By");
        Counter(meter, "valkka.publisher.packets.dropped_no_credit", "Packets not sent to a relay because its window was full",
            Publishers(p => p.DroppedNoCredit), "{packet}");
        Counter(meter, "valkka.publisher.packets.skipped_to_keyframe", "Packets not sent to a relay up to the next keyframe after a drop",
            Publishers(p => p.SkippedToKeyframe), "{packet}");
        meter.CreateObservableGauge("valkka.publisher.packets.in_flight", () => PublisherMeasurements(p => p.InFlight), "{packet}",
            "Packets sent to a relay and not acknowledged yet");
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

    private Func<IEnumerable<Measurement<long>>> Relays(Func<RelayRow, long> value) =>
        () => Each(r => r.Relays, "camera", c => c.CameraId, value);

    private Func<IEnumerable<Measurement<long>>> Publishers(Func<PublisherRow, long> value) => () => PublisherMeasurements(value);

    private IEnumerable<Measurement<long>> PublisherMeasurements(Func<PublisherRow, long> value) =>
        _reports.SelectMany(r => r.Publishers.Select(p => new Measurement<long>(value(p),
            new("node", r.Node), new("camera", p.CameraId), new("relay", p.RelayId)))).ToList();

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
