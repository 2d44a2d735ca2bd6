using Valkka.Actors.Topology;

namespace Valkka.Nodes.Tests.Topology;

/// <summary>
/// How pinned parts reach placed cameras (issue 27): a reader looks for the camera on its own host or for its host's
/// relay, which has a fixed node; a master leases frames of placed cameras from the one ring each has on its host, and
/// needs every frame decoded only of those that a pinned client forwards.
/// </summary>
public sealed class PlacedRoutesTests
{
    private const string Analyzer = "analyzer { type = \"Valkka.Samples.FrameStatisticsAnalyzer, Valkka.Samples\" }";
    private const string Batch = "analyzer { type = \"Valkka.Samples.HeavyBatchAnalyzer, Valkka.Samples\" }";

    // Hosts 1-3 of role edge; on host 3 also node "late" (pinned client p) after node "m" (the master); q pinned on host 4.
    private static TopologyDefinition Topology(string qKeys = "")
    {
        var parsed = TopologyParser.Parse($$"""
            valkka {
              insecure = on
              nodes {
                e1 { host = "10.0.0.1", port = 25540, roles = [edge] }
                e2 { host = "10.0.0.2", port = 25540, roles = [edge] }
                e3 { host = "10.0.0.3", port = 25540, roles = [edge] }
                m { host = "10.0.0.3", port = 25541 }
                late { host = "10.0.0.3", port = 25542 }
                lone { host = "10.0.0.4", port = 25540 }
              }
              cameras {
                cam1 { url = "synthetic://testsrc2?size=160x120&fps=5", placement { role = edge } }
                cam2 { url = "synthetic://testsrc2?size=160x120&fps=5", placement { role = edge } }
              }
              clients {
                c1 { placement = with-camera, cameras = [cam1], master = heavy, {{Analyzer}} }
                p { node = late, cameras = [cam1, cam2], {{Analyzer}} }
                q { node = lone, cameras = [cam2], {{qKeys}}{{Analyzer}} }
              }
              masters { heavy { node = m, {{Batch}} } }
            }
            """, "unit");
        Assert.True(parsed.Topology is not null, string.Join("\n", parsed.Errors));
        return parsed.Topology;
    }

    [Fact]
    public void A_hosts_relay_of_a_placed_camera_runs_in_its_first_node_that_reads_it()
    {
        var t = Topology();
        Assert.Equal("m", PlacedRoutes.RelayNode(t, "cam1", "late"));      // the master serves c1, a client of cam1
        Assert.Equal("late", PlacedRoutes.RelayNode(t, "cam2", "m"));      // only p reads cam2 on host 3
        Assert.Equal("lone", PlacedRoutes.RelayNode(t, "cam2", "lone"));
        Assert.Null(PlacedRoutes.RelayNode(t, "cam1", "e1"));             // nobody pinned on host 1 reads cam1
        Assert.Equal(["cam1"], PlacedRoutes.RelaysOn(t, "m").Select(c => c.Id));
        Assert.Equal(["cam2"], PlacedRoutes.RelaysOn(t, "late").Select(c => c.Id));
        // Placed cameras get no relay from the pinned rule: their relays start as they move.
        Assert.Empty(CameraRoutes.RelayedOn(t, "m"));
    }

    [Fact]
    public void A_reader_looks_for_the_camera_on_its_host_else_to_its_hosts_relay()
    {
        var t = Topology();
        Assert.Equal(ActorPaths.Remote(t.Node("e3"), ActorPaths.CameraName("cam2")), PlacedRoutes.ReaderTarget(t, "cam2", "late", "e3"));
        Assert.Equal(ActorPaths.Remote(t.Node("late"), ActorPaths.RelayName("cam2")), PlacedRoutes.ReaderTarget(t, "cam2", "late", "e1"));
        Assert.Equal(ActorPaths.Remote(t.Node("m"), ActorPaths.RelayName("cam1")), PlacedRoutes.ReaderTarget(t, "cam1", "late", "e2"));
        Assert.Equal(ActorPaths.Remote(t.Node("e2"), ActorPaths.CameraName("cam1")) + "/encoded", PlacedRoutes.PublisherTarget(t, "cam1", "e2"));
    }

    [Fact]
    public void A_master_leases_frames_of_placed_cameras_from_its_hosts_ring_of_each_and_needs_every_frame_only_for_pinned_clients()
    {
        var t = Topology(qKeys: "master = heavy, ");
        var relays = PlacedRoutes.RelaysForMaster(t, "heavy");
        Assert.Equal(ActorPaths.Remote(t.Node("m"), ActorPaths.RelayName("cam1")), relays["cam1"]);
        Assert.Equal(ActorPaths.Remote(t.Node("m"), ActorPaths.RelayName("cam2")), relays["cam2"]);   // the master's node relays both now
        Assert.Empty(CameraRoutes.RelaysForMaster(t, "heavy"));
        Assert.True(CameraRoutes.ServesMaster(t, "cam1", "m"));
        Assert.False(PlacedRoutes.ForwardedByPinnedClients(t, "cam1", "heavy"));   // only c1, placed with it, forwards cam1
        Assert.True(PlacedRoutes.ForwardedByPinnedClients(t, "cam2", "heavy"));    // q on host 4 forwards cam2
    }
}
