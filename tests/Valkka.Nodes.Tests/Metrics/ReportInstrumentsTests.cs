using System.Diagnostics.Metrics;
using Valkka.Nodes.Metrics;
using Valkka.Nodes.Stats;

namespace Valkka.Nodes.Tests.Metrics;

/// <summary>The observable instruments read the node reports: names, labels and values, seen by a MeterListener.</summary>
public class ReportInstrumentsTests
{
    private sealed record Seen(string Instrument, double Value, IReadOnlyDictionary<string, string> Labels);

    [Fact]
    public void Counters_of_the_reports_are_measured_with_node_camera_client_and_master_labels()
    {
        using var meter = new Meter("valkka-test-" + Guid.NewGuid());
        var instruments = new ReportInstruments(meter);
        instruments.Update([
            new NodeReport("cams", 0,
                [new CameraRow("cam1", "reconnecting", "lost", 100, 3, 25) { SkippedForRate = 40, Lost = 2, DiscardedBehind = 11, BehindSince = DateTimeOffset.UnixEpoch, Published = 97, Reconnects = 1, RingSlots = 8, LeasedSlots = 2, OldestLeaseSeconds = 0.5 }],
                [], []),
            new NodeReport("work", 0, [],
                [new ClientRow("c1", 60, 5, 1, 7, 25) { PerCamera = [new ClientCameraRow("cam1", true, 60, 5, 1, SkippedForRate: 9)] }],
                [new MasterRow("m1", 4, 12, 12, 3, 1.5) { Skipped = 5 }]),
        ]);
        var seen = Observe(meter);

        Assert.Equal(100, Single(seen, "valkka.camera.frames.decoded", ("node", "cams"), ("camera", "cam1")));
        Assert.Equal(40, Single(seen, "valkka.camera.frames.skipped_for_rate", ("camera", "cam1")));
        Assert.Equal(2, Single(seen, "valkka.camera.frames.lost", ("camera", "cam1")));
        Assert.Equal(11, Single(seen, "valkka.camera.frames.discarded_behind", ("camera", "cam1")));
        Assert.Equal(1, Single(seen, "valkka.camera.behind", ("camera", "cam1")));
        Assert.Equal(3, Single(seen, "valkka.camera.frames.dropped", ("camera", "cam1")));
        Assert.Equal(1, Single(seen, "valkka.camera.reconnects", ("camera", "cam1")));
        Assert.Equal(1, Single(seen, "valkka.camera.status", ("camera", "cam1"), ("status", "reconnecting")));
        Assert.Equal(0, Single(seen, "valkka.camera.status", ("camera", "cam1"), ("status", "streaming")));
        Assert.Equal(2, Single(seen, "valkka.ring.slots.leased", ("ring", "cam1")));
        Assert.Equal(0.5, Single(seen, "valkka.ring.lease.oldest.age", ("ring", "cam1")));
        Assert.Equal(60, Single(seen, "valkka.client.frames.analyzed", ("node", "work"), ("client", "c1"), ("camera", "cam1")));
        Assert.Equal(9, Single(seen, "valkka.client.frames.skipped_for_rate", ("client", "c1"), ("camera", "cam1")));
        Assert.Equal(5, Single(seen, "valkka.client.frames.skipped", ("client", "c1"), ("camera", "cam1")));
        Assert.Equal(12, Single(seen, "valkka.master.frames", ("node", "work"), ("master", "m1")));
        Assert.Equal(5, Single(seen, "valkka.master.frames.skipped", ("master", "m1")));
    }

    [Fact]
    public void Relays_and_the_encoded_streams_sent_to_them_are_measured_per_node_camera_and_relay()
    {
        using var meter = new Meter("valkka-test-" + Guid.NewGuid());
        var instruments = new ReportInstruments(meter);
        instruments.Update([
            new NodeReport("cams", 0, [], [], []) { Publishers = [new PublisherRow("cam1", "work/cam1", 500, 6_000_000, 7, 20, 3, 1)] },
            new NodeReport("work", 0, [], [], []) { Relays = [new RelayRow("cam1", "streaming", 480, 470, 2, 1, 27, 25)] },
        ]);
        var seen = Observe(meter);

        Assert.Equal(480, Single(seen, "valkka.relay.packets.received", ("node", "work"), ("camera", "cam1")));
        Assert.Equal(470, Single(seen, "valkka.relay.frames.decoded", ("camera", "cam1")));
        Assert.Equal(2, Single(seen, "valkka.relay.packets.lost_on_wire", ("camera", "cam1")));
        Assert.Equal(1, Single(seen, "valkka.relay.packets.queue_dropped", ("camera", "cam1")));
        Assert.Equal(27, Single(seen, "valkka.relay.packets.dropped_upstream", ("camera", "cam1")));
        Assert.Equal(1, Single(seen, "valkka.relay.status", ("camera", "cam1"), ("status", "streaming")));
        Assert.Equal(500, Single(seen, "valkka.publisher.packets.sent", ("node", "cams"), ("camera", "cam1"), ("relay", "work/cam1")));
        Assert.Equal(6_000_000, Single(seen, "valkka.publisher.sent", ("relay", "work/cam1")));
        Assert.Equal(7, Single(seen, "valkka.publisher.packets.dropped_no_credit", ("relay", "work/cam1")));
        Assert.Equal(20, Single(seen, "valkka.publisher.packets.skipped_to_keyframe", ("relay", "work/cam1")));
        Assert.Equal(3, Single(seen, "valkka.publisher.packets.in_flight", ("relay", "work/cam1")));
    }

    [Fact]
    public void A_report_whose_details_came_late_does_not_send_counters_back()
    {
        using var meter = new Meter("valkka-test-" + Guid.NewGuid());
        var instruments = new ReportInstruments(meter);
        instruments.Update([new NodeReport("work", 0, [new CameraRow("cam1", "streaming", null, 100, 0, 25) { Published = 97 }],
            [new ClientRow("c1", 60, 0, 0, 0, 25) { Forwarded = 12, PerCamera = [new ClientCameraRow("cam1", true, 60, 0, 0)] }], [])]);
        // The camera's and the client's details did not arrive in time: zeros and no per-camera rows.
        instruments.Update([new NodeReport("work", 1, [new CameraRow("cam1", "streaming", null, 125, 0, 25)],
            [new ClientRow("c1", 85, 0, 0, 0, 25)], [])]);
        var seen = Observe(meter);

        Assert.Equal(125, Single(seen, "valkka.camera.frames.decoded", ("camera", "cam1")));
        Assert.Equal(97, Single(seen, "valkka.camera.frames.published", ("camera", "cam1")));
        Assert.Equal(12, Single(seen, "valkka.client.frames.forwarded", ("client", "c1")));
        Assert.Equal(60, Single(seen, "valkka.client.frames.analyzed", ("client", "c1"), ("camera", "cam1")));
    }

    private static double Single(List<Seen> seen, string instrument, params (string Key, string Value)[] labels) =>
        Assert.Single(seen, s => s.Instrument == instrument && labels.All(l => s.Labels.GetValueOrDefault(l.Key) == l.Value)).Value;

    private static List<Seen> Observe(Meter meter)
    {
        var seen = new List<Seen>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter == meter) l.EnableMeasurementEvents(instrument);
        };
        void Add<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags) where T : struct =>
            seen.Add(new Seen(instrument.Name, Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture),
                tags.ToArray().ToDictionary(t => t.Key, t => (string)t.Value!)));
        listener.SetMeasurementEventCallback<long>((i, v, t, _) => Add(i, v, t));
        listener.SetMeasurementEventCallback<double>((i, v, t, _) => Add(i, v, t));
        listener.Start();
        listener.RecordObservableInstruments();
        return seen;
    }
}
