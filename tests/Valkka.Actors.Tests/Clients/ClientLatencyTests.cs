using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Akka.Actor;
using Akka.Configuration;
using Valkka.Actors.Messages;
using Valkka.Actors.Metrics;
using Valkka.Actors.Tests.Support;

namespace Valkka.Actors.Tests.Clients;

/// <summary>A client's latency histogram runs from the frame's commit to its ring to the end of the analysis.</summary>
public sealed class ClientLatencyTests() : Akka.TestKit.Xunit2.TestKit(Nodes.Remote())
{
    [Fact]
    public void Every_analyzed_frame_is_recorded_with_a_latency_that_covers_its_whole_analysis()
    {
        var delay = TimeSpan.FromMilliseconds(40);
        using var topology = new TestTopology();
        using var meter = new Meter("valkka-test-" + Guid.NewGuid());
        var recorded = new ConcurrentQueue<(string Name, double Value)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) => { if (instrument.Meter == meter) l.EnableMeasurementEvents(instrument); },
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => recorded.Enqueue((instrument.Name, value)));
        listener.Start();

        var camera = Scenario.StartCamera(Sys, Scenario.PatternCamera(topology, "a", fps: 25, size: "320x240"));
        var analyzer = new PatternAnalyzer(delay);
        var settings = new ClientSettings(topology.Name, "slow", [new CameraAddress("a", camera.Path.ToStringWithoutAddress())],
            "", Config.Empty, null, Credit: 1)
        {
            Instruments = new ValkkaInstruments(meter).ForClient("work", "slow"),
        };
        var client = Sys.ActorOf(ClientActor.Props(settings, analyzer.Create), ActorPaths.ClientName("slow"));

        AwaitCondition(() => analyzer.Intact >= 20, TimeSpan.FromSeconds(40), TimeSpan.FromMilliseconds(100));
        Probe.Ask<DecodingStopped>(camera, new StopDecoding());
        Scenario.AssertCountsAddUp(camera, client, "a", "slow");

        // Recorded on the client's thread in pairs, the analyzer's time then the frame's latency, once the
        // analysis ended (the counts above may settle while the last frame is still being analyzed).
        long analyzed = 0;
        double[] Values(string name) => recorded.Where(r => r.Name == name).Select(r => r.Value).ToArray();
        AwaitCondition(() => (analyzed = Probe.Client(client, "a").Analyzed) == Values("valkka.client.frame.latency").Length,
            TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(100), "a latency recorded for each frame analyzed");
        var durations = Values("valkka.client.analyze.duration");
        var latencies = Values("valkka.client.frame.latency");
        Assert.Equal(analyzed, latencies.Length);
        Assert.Equal(durations.Length, latencies.Length);
        for (var i = 0; i < latencies.Length; i++)
        {
            Assert.True(durations[i] >= delay.TotalSeconds, $"frame {i}: the analyzer slept {delay.TotalSeconds} s but took {durations[i]} s");
            Assert.True(latencies[i] >= durations[i], $"frame {i}: latency {latencies[i]} s is shorter than its analysis ({durations[i]} s)");
        }
    }
}
