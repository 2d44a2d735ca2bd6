using Akka.Actor;
using Akka.Configuration;
using Valkka.Actors.Messages;
using Valkka.Media.Decoding;

namespace Valkka.Actors.Tests.Support;

/// <summary>Builds cameras and clients for the tests and checks the per-reader counts.</summary>
public static class Scenario
{
    public static CameraSettings PatternCamera(TestTopology topology, string id, int fps, int slots = 8, string size = "640x480") =>
        new(topology.Name, id, new DecoderOptions($"pattern://?size={size}&fps={fps}"), slots);

    public static IActorRef StartCamera(ActorSystem system, CameraSettings settings) =>
        system.ActorOf(CameraActor.Props(settings), ActorPaths.CameraName(settings.CameraId));

    public static IActorRef StartClient(ActorSystem system, TestTopology topology, string clientId, string cameraId, string cameraPath,
        IFrameAnalyzerFactory analyzer, int credit = 2, string? masterPath = null, FrameNotify notify = FrameNotify.Doorbell, double? fps = null)
    {
        var settings = new ClientSettings(topology.Name, clientId, [new CameraAddress(cameraId, cameraPath)], "", Config.Empty, masterPath, credit)
        {
            Notify = notify,
            Fps = fps,
        };
        return system.ActorOf(ClientActor.Props(settings, analyzer.Create), ActorPaths.ClientName(clientId));
    }

    /// <summary>
    /// After the camera stopped decoding and the client caught up: for this reader,
    /// delivered (analyzed) + stale + skipped = published, and both sides agree on each part.
    /// </summary>
    /// <summary>The flow counts of a reader: kept by the camera, or by the client's doorbell watcher.</summary>
    public static Valkka.Actors.Messages.ReaderCounters ReaderCounts(IActorRef camera, IActorRef client, string cameraId, string clientId) =>
        ReaderCounts(camera, Probe.Client(client, cameraId), clientId);

    private static Valkka.Actors.Messages.ReaderCounters ReaderCounts(IActorRef camera, Valkka.Actors.Messages.ClientCameraDetails seen, string clientId) =>
        seen.WatcherCounters ?? Probe.Reader(camera, clientId);

    public static void AssertCountsAddUp(IActorRef camera, IActorRef client, string cameraId, string clientId)
    {
        var seen = Probe.Client(client, cameraId);
        var reader = ReaderCounts(camera, seen, clientId);
        bool settled = Wait.Until(() =>
        {
            seen = Probe.Client(client, cameraId);
            reader = ReaderCounts(camera, seen, clientId);
            return reader.Pending == 0 && seen.Analyzed + seen.Stale + seen.SkippedForRate == reader.Sent;
        }, TimeSpan.FromSeconds(20));
        Assert.True(settled, $"counts did not settle: camera says {reader}, client says {seen}");
        Assert.Equal(reader.Published, seen.Analyzed + seen.Stale + seen.SkippedForRate + seen.Skipped);
        Assert.Equal(reader.Skipped, seen.Skipped);
        Assert.Equal(reader.Published, reader.Sent + reader.Skipped);
    }
}

/// <summary>Lets a test keep the analyzer instance it hands to a client.</summary>
public interface IFrameAnalyzerFactory
{
    Valkka.Actors.Analysis.IFrameAnalyzer Create();
}
