using System.Diagnostics.Metrics;
using Valkka.Actors.Metrics;

namespace Valkka.Actors.Tests.Metrics;

/// <summary>The histograms clients and masters record: names, labels, values, and no allocation per frame.</summary>
public sealed class InstrumentsTests
{
    private sealed class Recorded
    {
        public readonly List<(string Name, double Value, Dictionary<string, object?> Tags)> All = [];
        public long Count;
    }

    private static MeterListener Listen(Meter meter, Recorded recorded, bool keep)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) => { if (instrument.Meter == meter) l.EnableMeasurementEvents(instrument); },
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            recorded.Count++;
            if (keep) recorded.All.Add((instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));
        });
        listener.Start();
        return listener;
    }

    [Fact]
    public void A_client_and_a_master_record_with_their_labels()
    {
        using var meter = new Meter("valkka-test-" + Guid.NewGuid());
        var instruments = new ValkkaInstruments(meter);
        var recorded = new Recorded();
        using var listener = Listen(meter, recorded, keep: true);

        instruments.ForClient("work", "c1").Analyzed("cam1", 0.004, 0.030);
        var master = instruments.ForMaster("boss", "m1");
        master.Waited(0.010);
        master.Ran(3, 0.050);

        Assert.Contains(recorded.All, r => r.Name == "valkka.client.analyze.duration" && r.Value == 0.004
            && (string?)r.Tags["node"] == "work" && (string?)r.Tags["client"] == "c1" && (string?)r.Tags["camera"] == "cam1");
        Assert.Contains(recorded.All, r => r.Name == "valkka.client.frame.latency" && r.Value == 0.030);
        Assert.Contains(recorded.All, r => r.Name == "valkka.master.queue.wait" && r.Value == 0.010 && (string?)r.Tags["master"] == "m1");
        Assert.Contains(recorded.All, r => r.Name == "valkka.master.batch.size" && r.Value == 3 && (string?)r.Tags["node"] == "boss");
        Assert.Contains(recorded.All, r => r.Name == "valkka.master.analyze.duration" && r.Value == 0.050);
    }

    [Fact]
    public void Recording_a_frame_allocates_nothing()
    {
        using var meter = new Meter("valkka-test-" + Guid.NewGuid());
        var instruments = new ValkkaInstruments(meter);
        var recorded = new Recorded();
        using var listener = Listen(meter, recorded, keep: false);
        var client = instruments.ForClient("work", "c1");
        var master = instruments.ForMaster("boss", "m1");
        for (var i = 0; i < 10; i++) Frame(client, master);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++) Frame(client, master);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(1010 * 5, recorded.Count);
    }

    private static void Frame(ClientInstruments client, MasterInstruments master)
    {
        client.Analyzed("cam1", 0.004, 0.03);
        master.Waited(0.01);
        master.Ran(4, 0.05);
    }
}
