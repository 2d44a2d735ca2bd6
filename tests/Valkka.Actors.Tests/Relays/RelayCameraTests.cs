using Akka.Actor;
using Valkka.Actors.Analysis;
using Valkka.Actors.Messages;
using Valkka.Actors.Relays;
using Valkka.Actors.Tests.Support;
using Valkka.Media.Decoding;

namespace Valkka.Actors.Tests.Relays;

/// <summary>
/// A relay camera fed with another camera's encoded stream (here in one process, with rings of two
/// topologies standing for two hosts): the relay decodes into its own ring and its reader gets real
/// pictures, under the publisher's window, with one subscription.
/// </summary>
[Trait("Speed", "Slow")]
public sealed class RelayCameraTests() : Akka.TestKit.Xunit2.TestKit(Nodes.Remote())
{
    private sealed class PictureAnalyzer : IFrameAnalyzer, IFrameAnalyzerFactory
    {
        public long Frames, Flat;
        public IFrameAnalyzer Create() => this;

        public IAnalysisResult? Analyze(in FrameView frame, IClientContext context)
        {
            if (frame.Pixels.IndexOfAnyExcept(frame.Pixels[0]) < 0) Interlocked.Increment(ref Flat);
            Interlocked.Increment(ref Frames);
            return null;
        }
    }

    [Fact]
    public async Task A_relay_camera_decodes_the_cameras_packets_into_its_own_ring_for_its_readers()
    {
        using var cameraHost = new TestTopology();
        using var relayHost = new TestTopology();
        const string url = "synthetic://testsrc2?size=320x240&fps=25&codec=h264";
        var camera = Scenario.StartCamera(Sys, new CameraSettings(cameraHost.Name, "s", new DecoderOptions(url), 6));
        var relaySettings = new RelaySettings("s", "test/s", camera.Path + "/" + ActorPaths.EncodedStreamName);
        var relay = Sys.ActorOf(CameraActor.Props(new CameraSettings(relayHost.Name, "s", new DecoderOptions("relay of s"), 6)
        {
            Source = new RelaySourceFactory(relaySettings),
        }), ActorPaths.RelayName("s"));
        var analyzer = new PictureAnalyzer();
        Scenario.StartClient(Sys, relayHost, "c1", "s", relay.Path.ToStringWithoutAddress(), analyzer);

        AwaitCondition(() => Interlocked.Read(ref analyzer.Frames) >= 50, TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(100));
        Assert.Equal(0, Interlocked.Read(ref analyzer.Flat));
        Assert.Equal("streaming", Probe.Ask<CameraStats>(relay, GetStats.Instance).Status);
        var published = Probe.Ask<EncodedStreamStats>(await Sys.ActorSelection(relaySettings.PublisherPath).ResolveOne(TimeSpan.FromSeconds(5)),
            new GetEncodedStreamStats());
        var sent = Assert.Single(published.Relays);
        Assert.Equal("test/s", sent.RelayId);
        Assert.True(sent.Sent >= 50 && sent.Bytes > 0, sent.ToString());
        Assert.InRange(sent.InFlight, 0, relaySettings.Window);
        var upstream = Probe.Ask<RelayCounters>(await Sys.ActorSelection(relay.Path / RelaySourceFactory.UpstreamName).ResolveOne(TimeSpan.FromSeconds(5)),
            new GetRelayCounters());
        Assert.True(upstream.Subscribed);
        Assert.Equal(1, upstream.Subscriptions);
        Assert.Equal(0, upstream.LostOnWire);
        Assert.Equal(0, upstream.QueueDropped);
    }
}
