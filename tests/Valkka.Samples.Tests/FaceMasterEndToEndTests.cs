using Akka.Actor;
using Akka.Configuration;
using Valkka.Actors.Analysis;
using Valkka.Actors.Cameras;
using Valkka.Actors.Clients;
using Valkka.Actors.Masters;
using Valkka.Actors.Messages;
using Valkka.Actors.Node;
using Valkka.Actors.Topology;
using Valkka.Media.Decoding;
using Valkka.Samples.Faces;
using Xunit.Abstractions;

namespace Valkka.Samples.Tests;

/// <summary>
/// Through real actors: camera actors decode an H.264 clip (the cat, then the astronaut) with FFmpeg
/// into /dev/shm rings -> per-camera client actors run FacePreprocessingAnalyzer (motion gating, the
/// tensor written into the client's own ring) -> one master actor batches the tensors through
/// FaceDetectionBatchAnalyzer (created by type name) -> each result goes back to the client that asked.
/// </summary>
[Trait("Speed", "Slow")]
public sealed class FaceMasterEndToEndTests(ITestOutputHelper output) : IDisposable
{
    private const string MasterType = "Valkka.Samples.Faces.FaceDetectionBatchAnalyzer, Valkka.Samples.Faces";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);

    private readonly string _topology = TopologyRings.NewName();
    private readonly TempDirectory _folder = new();
    private readonly List<ActorSystem> _systems = new();

    public void Dispose()
    {
        foreach (var s in _systems)
            s.Terminate().Wait(TimeSpan.FromSeconds(20));
        TopologyRings.Remove(_topology);
        _folder.Dispose();
    }

    private ActorSystem StartNode(bool remote)
    {
        var assemblies = new[] { typeof(FaceDetectionResult).Assembly, typeof(FrameStatistics).Assembly };
        var config = remote ? NodeConfig.Create("127.0.0.1", 0, assemblies) : NodeConfig.CreateLocal(assemblies);
        config = ConfigurationFactory.ParseString("akka.loglevel = WARNING").WithFallback(config);
        var system = ValkkaNode.Start(config);
        _systems.Add(system);
        return system;
    }

    private static string PathOf(ActorSystem system, IActorRef actor) =>
        actor.Path.ToStringWithAddress(((ExtendedActorSystem)system).Provider.DefaultAddress);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Each_client_gets_the_faces_of_its_own_camera_frames_back(bool masterOnAnotherNode)
    {
        var clip = FaceClips.CatThenAstronaut(_folder.Path);
        var cameras = StartNode(masterOnAnotherNode);
        var masterNode = masterOnAnotherNode ? StartNode(remote: true) : cameras;

        var master = masterNode.ActorOf(MasterActor.Props(new MasterSettings("faces", MasterType, Config.Empty,
            MaxBatchSize: 4, MaxWait: TimeSpan.FromMilliseconds(30))), ActorPaths.MasterName("faces"));
        var masterPath = PathOf(masterNode, master);

        var ids = new[] { "cam1", "cam2" };
        var clients = new Dictionary<string, RecordingFaceClient>();
        var camActors = new List<IActorRef>();
        foreach (var id in ids)
        {
            var camera = cameras.ActorOf(CameraActor.Props(new CameraSettings(_topology, id,
                new DecoderOptions(clip) { Loop = true, Realtime = true }, RingSlots: 4)), ActorPaths.CameraName(id));
            camActors.Add(camera);
            var analyzer = new RecordingFaceClient(new FacePreprocessingAnalyzer(), FaceClips.ShowsAstronaut);
            clients[id] = analyzer;
            cameras.ActorOf(ClientActor.Props(new ClientSettings(_topology, "client-" + id,
                [new CameraAddress(id, PathOf(cameras, camera))], "", Config.Empty, masterPath), () => analyzer),
                ActorPaths.ClientName("client-" + id));
        }

        // Wait until every client has had at least one cat result and one astronaut result back.
        await Wait.UntilAsync(() => clients.Values.All(c =>
                c.Results.Any(r => c.Forwarded.TryGetValue((r.CameraId, r.Sequence), out var astro) && astro) &&
                c.Results.Any(r => c.Forwarded.TryGetValue((r.CameraId, r.Sequence), out var astro) && !astro)),
            Deadline, "a cat result and an astronaut result on every client");
        foreach (var camera in camActors) await camera.Ask<DecodingStopped>(new StopDecoding(), AskTimeout);

        var details = await master.Ask<MasterDetails>(new GetMasterDetails(), AskTimeout);
        await Wait.UntilAsync(async () =>
        {
            details = await master.Ask<MasterDetails>(new GetMasterDetails(), AskTimeout);
            return clients.Values.Sum(c => c.Results.Count) + details.Skipped + details.Stale == clients.Values.Sum(c => c.Forwarded.Count);
        }, Deadline, "every forwarded frame to be answered or counted as skipped/stale by the master");

        foreach (var (id, client) in clients)
        {
            output.WriteLine($"{id}: analyzed {client.Analyzed}, still {client.Inner.SkippedWithoutMotion}, forwarded {client.Forwarded.Count} " +
                             $"(astronaut {client.Forwarded.Values.Count(a => a)}), results {client.Results.Count}, faces {client.Inner.FacesSeen(id)}");
            Assert.NotEmpty(client.Results);
            Assert.True(client.Inner.SkippedWithoutMotion > 0, "a still clip must be gated by motion");
            foreach (var r in client.Results)
            {
                Assert.Equal("client-" + id, r.ClientId);
                Assert.Equal(id, r.CameraId);
                Assert.True(client.Forwarded.TryGetValue((r.CameraId, r.Sequence), out var astronaut),
                    $"{id}: result for frame {r.Sequence}, which this client did not forward");
                var faces = Assert.IsType<FaceDetectionResult>(r.Result);
                Assert.Equal((id, r.Sequence), (faces.CameraId, faces.Sequence));
                Assert.Equal((512, 512), (faces.FrameWidth, faces.FrameHeight));
                if (astronaut)
                    FaceDetectionOnPhotosTests.AssertAround(FaceDetectionOnPhotosTests.AstronautFace, Assert.Single(faces.Faces), tolerance: 10);
                else
                    Assert.Empty(faces.Faces);
            }
            Assert.Equal(client.Results.Count(r => ((FaceDetectionResult)r.Result).Count == 1), client.Inner.FacesSeen(id));
        }

        Assert.Equal(details.Frames, details.BatchSizes.Sum());
        Assert.All(details.BatchSizes, n => Assert.InRange(n, 1, 4));
        Assert.Equal(clients.Values.Sum(c => c.Results.Count), details.Frames);
    }

    [Fact]
    public async Task Batches_fill_up_to_the_maximum_and_every_result_reaches_the_client_that_asked()
    {
        var clip = FaceClips.CatThenAstronaut(_folder.Path, seconds: 1);
        var node = StartNode(remote: false);
        var master = node.ActorOf(MasterActor.Props(new MasterSettings("faces", MasterType,
            ConfigurationFactory.ParseString("batch-mode = dynamic, max-batch = 3"),
            MaxBatchSize: 3, MaxWait: TimeSpan.FromMilliseconds(150), MaxInFlightPerClient: 2)), ActorPaths.MasterName("faces"));

        // 4 cameras, no motion gating: every frame goes to the master, 40 frames/s in all.
        var clients = new Dictionary<string, RecordingFaceClient>();
        var camActors = new List<IActorRef>();
        foreach (var id in new[] { "a", "b", "c", "d" })
        {
            var camera = node.ActorOf(CameraActor.Props(new CameraSettings(_topology, id,
                new DecoderOptions(clip) { Loop = true, Realtime = true }, RingSlots: 4)), ActorPaths.CameraName(id));
            camActors.Add(camera);
            var analyzer = new RecordingFaceClient(
                new FacePreprocessingAnalyzer(AnalyzerSettings.Parse("motion-gating = off")), FaceClips.ShowsAstronaut);
            clients[id] = analyzer;
            node.ActorOf(ClientActor.Props(new ClientSettings(_topology, id, [new CameraAddress(id, camera.Path.ToString())],
                "", Config.Empty, master.Path.ToString()), () => analyzer), ActorPaths.ClientName(id));
        }

        await Wait.UntilAsync(() => clients.Values.All(c => c.Results.Count >= 15), Deadline, "15 results on every client");
        foreach (var camera in camActors) await camera.Ask<DecodingStopped>(new StopDecoding(), AskTimeout);
        var details = await master.Ask<MasterDetails>(new GetMasterDetails(), AskTimeout);
        await Wait.UntilAsync(async () =>
        {
            details = await master.Ask<MasterDetails>(new GetMasterDetails(), AskTimeout);
            return clients.Values.Sum(c => c.Results.Count) + details.Skipped + details.Stale == clients.Values.Sum(c => c.Forwarded.Count);
        }, Deadline, "every forwarded frame to be answered or counted");

        output.WriteLine($"batches {details.Batches}, frames {details.Frames}, skipped {details.Skipped}, stale {details.Stale}, " +
                         $"sizes {string.Join(",", details.BatchSizes.GroupBy(n => n).OrderBy(g => g.Key).Select(g => $"{g.Key}x{g.Count()}"))}");
        Assert.Equal(3, details.MaxBatchSeen);                // frames of several clients share a run of the net
        Assert.All(details.BatchSizes, n => Assert.InRange(n, 1, 3));
        Assert.Equal(details.Frames, details.BatchSizes.Sum());
        Assert.Equal(4, details.Clients);
        foreach (var (id, client) in clients)
        {
            var sequences = client.Results.Select(r => r.Sequence).ToList();
            Assert.Equal(sequences.Count, sequences.Distinct().Count());   // one answer per frame
            Assert.All(client.Results, r =>
            {
                Assert.Equal((id, id), (r.ClientId, r.CameraId));
                Assert.True(client.Forwarded.TryGetValue((id, r.Sequence), out var astronaut));
                Assert.Equal(astronaut ? 1 : 0, ((FaceDetectionResult)r.Result).Count);
            });
        }
    }
}
