using Valkka.Actors.Placement;
using Valkka.Actors.Topology;

namespace Valkka.Nodes.Tests.Placement;

/// <summary>A placed master weighs what the cameras its clients read do together; its key in the placement maps is its own.</summary>
public sealed class MasterWeightTests
{
    private static TopologyDefinition Topology(string clients) => TopologyParser.Parse($$"""
        valkka {
          insecure = on
          nodes { e1 { host = "10.0.0.1", port = 25540, roles = [edge] } }
          cameras {
            cam1 { url = "synthetic://testsrc2?size=160x120&fps=5", placement { role = edge } }
            cam2 { url = "synthetic://testsrc2?size=320x240&fps=10", placement { role = edge } }
          }
          clients { {{clients}} }
          masters { m {
            placement { role = edge }
            analyzer { type = "Valkka.Samples.HeavyBatchAnalyzer, Valkka.Samples" } } }
        }
        """, "unit").Topology!;

    private const string Analyzer = "analyzer { type = \"Valkka.Samples.FrameStatisticsAnalyzer, Valkka.Samples\" }";

    [Fact]
    public void A_master_weighs_the_pixels_a_second_of_its_clients_cameras_each_camera_once()
    {
        var t = Topology($"c1 {{ placement = with-camera, cameras = [cam1], master = m, {Analyzer} }}\n"
                         + $"c2 {{ placement = with-camera, cameras = [cam2], master = m, {Analyzer} }}\n"
                         + $"c3 {{ placement = with-camera, cameras = [cam2], {Analyzer} }}");
        Assert.Equal(160 * 120 * 5 + 320 * 240 * 10, MasterWeight.Of(t, "m"));
    }

    [Fact]
    public void A_master_no_client_forwards_to_weighs_one_default_camera_and_keys_never_meet_camera_ids()
    {
        var t = Topology($"c1 {{ placement = with-camera, cameras = [cam1], {Analyzer} }}");
        Assert.Equal(1280L * 720 * 25, MasterWeight.Of(t, "m"));
        Assert.Equal(["cam1", "cam2", "master:m"], PlacedPartKeys.Placed(t).Keys.Order(StringComparer.Ordinal));
        Assert.Equal(("m", (string?)null), (PlacedPartKeys.MasterOf("master:m"), PlacedPartKeys.MasterOf("cam1")));
        Assert.Equal(["camera cam1", "master m"], new[] { "cam1", "master:m" }.Select(PlacedPartKeys.Describe));
    }
}
