using Valkka.Actors.Messages;
using Valkka.Actors.Topology;
using Valkka.Media.Decoding;
using Valkka.Nodes.Tests.Support;

namespace Valkka.Nodes.Tests.Topology;

public class TopologyBuilderTests
{
    private const string Synthetic = "synthetic://testsrc2?size=640x360&fps=25&codec=h264";

    private static readonly ValidationScope FileAndAnalyzers = ValidationScope.FileOnly with { CheckAnalyzers = true };

    private static TopologyBuilder Shop() => new TopologyBuilder("shop")
        .Node("edge", port: 25530)
        .Node("heavy", port: 25531, host: "127.0.0.1")
        .Camera("cam1", Synthetic, node: "edge")
        .Camera("door", "rtsp://admin:pa$$w0rd@192.168.1.10:554/stream1?a=1&b=${x}//c", node: "edge",
            size: new FrameSize(1280, 720), ringSlots: 4, decode: DecodeMode.Keyframes,
            decoder: new Dictionary<string, object?> { ["threads"] = 2, ["stall-timeout"] = TimeSpan.FromSeconds(3), ["loop"] = true })
        .Client("c1", node: "edge", cameras: ["cam1", "door"], analyzer: typeof(NullFrameAnalyzer),
            settings: new Dictionary<string, object?>
            {
                ["forward-every"] = 5, ["ratio"] = 0.25, ["label"] = "a \"quoted\" back\\slash\nline\u0001", ["zones"] = new[] { "left", "right" },
                ["nested"] = new Dictionary<string, object?> { ["depth"] = 2 },
            },
            master: "m1", credit: 3, fps: 5, cameraFps: new Dictionary<string, double> { ["door"] = 1 }, notify: FrameNotify.Remote)
        .Master("m1", node: "heavy", analyzer: typeof(NullBatchAnalyzer), maxBatchSize: 6, maxWait: TimeSpan.FromMilliseconds(15),
            maxInFlightPerClient: 2, analyzeTimeout: TimeSpan.FromSeconds(5));

    [Fact]
    public void A_built_topology_parses_into_every_part_and_key_it_was_given()
    {
        var t = Shop().Build(FileAndAnalyzers);

        Assert.Equal("shop", t.Name);
        Assert.Equal([("edge", "127.0.0.1", 25530), ("heavy", "127.0.0.1", 25531)], t.Nodes.Select(n => (n.Name, n.Host, n.Port)));
        Assert.Equal(Synthetic, t.Camera("cam1").Url);
        var door = t.Camera("door");
        Assert.Equal("rtsp://admin:pa$$w0rd@192.168.1.10:554/stream1?a=1&b=${x}//c", door.Url);
        Assert.Equal((new FrameSize(1280, 720), 4, DecodeMode.Keyframes), (door.Size!.Value, door.RingSlots, door.Decode));
        Assert.Equal((2, TimeSpan.FromSeconds(3), true), (door.Decoder.Threads, door.Decoder.StallTimeout, door.Decoder.Loop));

        var c1 = Assert.Single(t.Clients);
        Assert.Equal(["cam1", "door"], c1.Cameras);
        Assert.Equal(typeof(NullFrameAnalyzer), Type.GetType(c1.Analyzer.TypeName));
        Assert.Null(c1.Analyzer.AssemblyFolder);
        Assert.Equal(5, c1.Analyzer.Settings.GetInt("forward-every"));
        Assert.Equal(0.25, c1.Analyzer.Settings.GetDouble("ratio"));
        Assert.Equal("a \"quoted\" back\\slash\nline\u0001", c1.Analyzer.Settings.GetString("label"));
        Assert.Equal(["left", "right"], c1.Analyzer.Settings.GetStringList("zones"));
        Assert.Equal(2, c1.Analyzer.Settings.GetInt("nested.depth"));
        Assert.Equal(("m1", 3, 5.0, 1.0, FrameNotify.Remote), (c1.Master, c1.Credit, c1.Fps, c1.FpsOf("door"), c1.Notify));

        var m1 = Assert.Single(t.Masters);
        Assert.Equal(typeof(NullBatchAnalyzer), Type.GetType(m1.Analyzer.TypeName));
        Assert.Equal((6, TimeSpan.FromMilliseconds(15), 2, TimeSpan.FromSeconds(5)),
            (m1.MaxBatchSize, m1.MaxWait, m1.MaxInFlightPerClient, m1.AnalyzeTimeout));
    }

    [Fact]
    public void Keys_left_out_take_the_defaults_a_file_gets()
    {
        var t = new TopologyBuilder("small").Node("n", 25540).Camera("cam1", Synthetic, "n")
            .Client("c1", "n", ["cam1"], typeof(NullFrameAnalyzer)).Build(ValidationScope.FileOnly);

        var camera = Assert.Single(t.Cameras);
        Assert.Equal((TopologyParser.DefaultRingSlots, DecoderDefinition.Default, (FrameSize?)null), (camera.RingSlots, camera.Decoder, camera.Size));
        var client = Assert.Single(t.Clients);
        Assert.Equal((TopologyParser.DefaultCredit, (string?)null, (double?)null), (client.Credit, client.Master, client.Fps));
        Assert.True(client.Analyzer.Settings.IsEmpty);
        Assert.Empty(t.Masters);
    }

    [Fact]
    public void Operations_return_a_new_builder_and_leave_the_old_one_as_it_was()
    {
        var shop = Shop();
        var smaller = shop.WithoutClient("c1").WithoutMaster("m1").WithoutCamera("door")
            .Client("c2", "edge", ["cam1"], typeof(NullFrameAnalyzer));

        Assert.Equal(["cam1", "door"], shop.CameraIds);
        Assert.Equal(["c1"], shop.ClientIds);
        Assert.Equal(["cam1"], smaller.CameraIds);
        Assert.Equal(["c2"], smaller.ClientIds);
        Assert.Empty(smaller.MasterIds);
        Assert.Equal(["cam1"], smaller.Build(ValidationScope.FileOnly).Cameras.Select(c => c.Id));
        Assert.Same(shop, shop.WithoutCamera("no-such-camera"));
    }

    [Fact]
    public void A_part_added_under_an_id_that_exists_replaces_it_in_its_place()
    {
        var t = Shop().Camera("cam1", "synthetic://smptebars?size=320x240&fps=10&codec=h264", "edge").Build(ValidationScope.FileOnly);

        Assert.Equal(["cam1", "door"], t.Cameras.Select(c => c.Id));
        Assert.Equal("synthetic://smptebars?size=320x240&fps=10&codec=h264", t.Camera("cam1").Url);
        Assert.Equal(TopologyParser.DefaultRingSlots, t.Camera("cam1").RingSlots);
    }

    [Fact]
    public void An_invalid_topology_throws_every_error_by_the_key_a_file_would_show()
    {
        var bad = Shop()
            .Camera("cam2", Synthetic, node: "nowhere", ringSlots: 100)
            .Client("c2", "edge", ["cam1", "cam9"], AnalyzerReference.Of<NullFrameAnalyzer>(), master: "m9")
            .WithoutCamera("door");

        var e = Assert.Throws<TopologyException>(() => bad.Build(FileAndAnalyzers));

        Assert.Equal(
        [
            "valkka.cameras.cam2.node", "valkka.cameras.cam2.ring-slots", "valkka.clients.c1.cameras[1]",
            "valkka.clients.c2.cameras[1]", "valkka.clients.c2.master",
        ], e.Errors.Select(error => error.Path).Order(StringComparer.Ordinal));
        Assert.Contains("unknown node \"nowhere\"", e.Message);
    }

    [Fact]
    public void An_id_that_is_not_a_valid_name_is_one_key_that_validation_names()
    {
        var e = Assert.Throws<TopologyException>(() => new TopologyBuilder("shop").Node("edge", 25530)
            .Camera("cam.1\"x", Synthetic, "edge").Client("c1", "edge", ["cam.1\"x"], typeof(NullFrameAnalyzer)).Build(ValidationScope.FileOnly));

        Assert.Contains(e.Errors, error => error.Path == "valkka.cameras.cam.1\"x" && error.Message.Contains("not a valid camera id"));
    }

    [Fact]
    public void An_analyzer_that_cannot_load_is_named_by_its_type_key()
    {
        var e = Assert.Throws<TopologyException>(() => new TopologyBuilder("shop").Node("edge", 25530).Camera("cam1", Synthetic, "edge")
            .Client("c1", "edge", ["cam1"], new AnalyzerReference("Acme.Missing, Acme.Missing")).Build(FileAndAnalyzers));

        Assert.Equal("valkka.clients.c1.analyzer.type", Assert.Single(e.Errors).Path);
    }

    [Fact]
    public void A_setting_of_a_type_a_topology_cannot_hold_is_named_by_its_key()
    {
        var builder = new TopologyBuilder("shop").Node("edge", 25530).Camera("cam1", Synthetic, "edge")
            .Client("c1", "edge", ["cam1"], typeof(NullFrameAnalyzer), settings: new Dictionary<string, object?> { ["when"] = DateTime.UnixEpoch });

        var e = Assert.Throws<TopologyException>(builder.ToHocon);

        Assert.Equal("valkka.clients.c1.analyzer.settings.when", Assert.Single(e.Errors).Path);
        Assert.Equal("valkka.clients.c1.analyzer.settings.when", Assert.Single(builder.Validate(ValidationScope.FileOnly).Errors).Path);
    }

    [Fact]
    public void A_built_topology_is_missing_what_a_file_must_have_by_the_same_key()
    {
        var e = Assert.Throws<TopologyException>(() => new TopologyBuilder("shop").Node("edge", 25530).Build(ValidationScope.FileOnly));

        Assert.Equal(["valkka.cameras", "valkka.clients"], e.Errors.Select(error => error.Path).Order(StringComparer.Ordinal));
    }
}
