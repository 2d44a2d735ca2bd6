using Valkka.Nodes.Tests.Support;

namespace Valkka.Nodes.Tests.Topology;

/// <summary>An id set to null later in a file is absent (an override file, the control API's edits), and a definition after the null starts afresh.</summary>
public class NullIdTests
{
    [Fact]
    public void A_later_null_removes_a_camera()
    {
        var result = Topologies.Load(Topologies.Valid() + "\nvalkka.cameras.cam2 = null\nvalkka.clients.c1.cameras = [cam1]\n");
        Assert.Empty(result.Errors);
        Assert.Equal(["cam1"], result.Topology!.Cameras.Select(c => c.Id));
    }

    [Fact]
    public void A_definition_after_the_null_replaces_the_old_one_instead_of_merging()
    {
        var result = Topologies.Load(Topologies.Valid() + "\nvalkka.cameras.\"cam2\" = null\nvalkka.cameras { \"cam2\" = {\"url\": \"rtsp://127.0.0.1:8554/other\", \"node\": \"cams\"} }\n");
        Assert.Empty(result.Errors);
        var cam2 = result.Topology!.Cameras.Single(c => c.Id == "cam2");
        Assert.Equal("rtsp://127.0.0.1:8554/other", cam2.Url);
        Assert.Null(cam2.Size);
        Assert.Equal(8, cam2.RingSlots);
    }

    [Fact]
    public void Removing_every_camera_is_no_camera()
    {
        var result = Topologies.Load(Topologies.Valid() + "\nvalkka.cameras { cam1 = null, cam2 = null }\n");
        Assert.Contains(result.Errors, e => e.Path == "valkka.cameras" && e.Message.Contains("at least one camera"));
        Assert.Contains(result.Errors, e => e.Path == "valkka.clients.c1.cameras[0]");
    }

    [Fact]
    public void Clients_masters_and_nodes_are_removed_the_same_way()
    {
        var result = Topologies.Load(Topologies.Valid() + "\nvalkka.masters.m1 = null\nvalkka.clients.c1.master = null\nvalkka.nodes.boss = null\n");
        Assert.Empty(result.Errors);
        Assert.Empty(result.Topology!.Masters);
        Assert.Null(result.Topology.Clients.Single().Master);
        Assert.DoesNotContain(result.Topology.Nodes, n => n.Name == "boss");
    }
}
