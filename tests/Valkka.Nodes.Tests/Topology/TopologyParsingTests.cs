using Valkka.Actors.Topology;
using Valkka.Nodes.Tests.Support;

namespace Valkka.Nodes.Tests.Topology;

public class TopologyParsingTests
{
    [Fact]
    public void Reads_every_key_of_a_valid_topology()
    {
        var result = Topologies.Load(Topologies.Valid());
        Assert.Empty(result.Errors);
        var t = result.Topology!;

        Assert.Equal("unit", t.Name);
        Assert.Equal(["cams", "work", "boss"], t.Nodes.Select(n => n.Name));
        Assert.All(t.Nodes, n => Assert.Equal("127.0.0.1", n.Host));
        Assert.Equal(40002, t.Node("work").Port);

        var cam1 = t.Camera("cam1");
        Assert.Equal("synthetic://testsrc2?size=640x360&fps=25", cam1.Url);
        Assert.Null(cam1.Size);
        Assert.Equal(TopologyParser.DefaultRingSlots, cam1.RingSlots);
        Assert.Equal(DecoderDefinition.Default, cam1.Decoder);

        var cam2 = t.Camera("cam2");
        Assert.Equal(new FrameSize(320, 240), cam2.Size);
        Assert.Equal(4, cam2.RingSlots);
        Assert.Equal(2, cam2.Decoder.Threads);
        Assert.Equal(TimeSpan.FromSeconds(3), cam2.Decoder.StallTimeout);
        Assert.Equal(5, cam2.Decoder.MaxReconnectAttempts);

        var c1 = Assert.Single(t.Clients);
        Assert.Equal(["cam1", "cam2"], c1.Cameras);
        Assert.Equal("m1", c1.Master);
        Assert.Equal(Topologies.FrameAnalyzer, c1.Analyzer.TypeName);
        Assert.Equal(3, c1.Analyzer.Settings.GetInt("forward-every"));
        Assert.Equal(TopologyParser.DefaultCredit, c1.Credit);
        Assert.Equal(Valkka.Actors.Messages.FrameNotify.Doorbell, c1.Notify);

        var m1 = Assert.Single(t.Masters);
        Assert.Equal(6, m1.MaxBatchSize);
        Assert.Equal(TimeSpan.FromMilliseconds(15), m1.MaxWait);
        Assert.Equal(Valkka.Actors.Masters.MasterSettings.DefaultAnalyzeTimeout, m1.AnalyzeTimeout);
        Assert.True(m1.Analyzer.Settings.IsEmpty);
    }

    [Fact]
    public void A_master_reads_its_analyze_timeout_and_refuses_a_bad_one()
    {
        var text = Topologies.Valid().Replace("node = boss", "node = boss\n      analyze-timeout = 5s");
        Assert.Equal(TimeSpan.FromSeconds(5), Assert.Single(Topologies.Load(text).Topology!.Masters).AnalyzeTimeout);

        var errors = Topologies.Load(Topologies.Valid().Replace("node = boss", "node = boss\n      analyze-timeout = 0s")).Errors;
        Assert.Contains(errors, e => e.Path == "valkka.masters.m1.analyze-timeout");
    }

    [Fact]
    public void A_client_can_ask_for_frame_announcements_by_message()
    {
        var text = Topologies.Valid().Replace("master = m1", "master = m1\n      notify = remote");
        var c1 = Assert.Single(Topologies.Load(text).Topology!.Clients);
        Assert.Equal(Valkka.Actors.Messages.FrameNotify.Remote, c1.Notify);
    }

    [Fact]
    public void Actor_paths_follow_the_fixed_naming()
    {
        var t = Topologies.Load(Topologies.Valid()).Topology!;
        Assert.Equal("akka.tcp://valkka@127.0.0.1:40001/user/camera-cam2", t.CameraPath("cam2"));
        Assert.Equal("akka.tcp://valkka@127.0.0.1:40003/user/master-m1", t.MasterPath("m1"));
    }

    [Fact]
    public void Name_defaults_to_the_file_name_and_a_later_override_wins()
    {
        var text = Topologies.Valid().Replace("name = unit", "") + "\nvalkka.nodes.cams.port = 40100\n";
        var t = TopologyLoader.LoadText(text, "fromfile", null, new ValidationScope { CheckPorts = false, CheckShmSpace = false }).Topology!;
        Assert.Equal("fromfile", t.Name);
        Assert.Equal(40100, t.Node("cams").Port);
    }

    [Fact]
    public void Ports_can_be_replaced_for_a_run()
    {
        var t = Topologies.Load(Topologies.Valid()).Topology!.WithPorts(new Dictionary<string, int> { ["work"] = 41000 });
        Assert.Equal(41000, t.Node("work").Port);
        Assert.Equal(40001, t.Node("cams").Port);
    }

    [Theory]
    [InlineData("main1", 2, 3, 1, 0)]
    [InlineData("main2", 4, 3, 3, 0)]
    [InlineData("main3", 5, 3, 3, 1)]
    public void Shipped_topologies_parse(string name, int nodes, int cameras, int clients, int masters)
    {
        var path = Path.Combine(RepoPaths.Hocon, name + ".conf");
        var result = TopologyLoader.LoadText(File.ReadAllText(path), name, path,
            new ValidationScope { CheckPorts = false, CheckShmSpace = false, CheckAnalyzers = false });
        Assert.Empty(result.Errors);
        var t = result.Topology!;
        Assert.Equal(name, t.Name);
        Assert.Equal((nodes, cameras, clients, masters), (t.Nodes.Count, t.Cameras.Count, t.Clients.Count, t.Masters.Count));
        Assert.All(t.Cameras, c => Assert.StartsWith("synthetic://", c.Url));
        Assert.All(t.Cameras, c => Assert.Equal(new FrameSize(1280, 720), RingSpace.FrameSizeOf(c)));
        if (masters > 0) Assert.All(t.Clients, c => Assert.Equal(t.Masters[0].Id, c.Master));
    }
}
