using Valkka.Actors.Topology;

namespace Valkka.Samples.Embedding;

/// <summary>The sample's topology in code: synthetic cameras on one node, each read by a client running FrameStatisticsAnalyzer.</summary>
public static class ShopTopology
{
    private const string Node = "shop";

    public static TopologyBuilder Initial(string name) =>
        WithCamera(WithCamera(new TopologyBuilder(name).Node(Node, port: 25560), "cam1", "testsrc2"), "cam2", "smptebars");

    /// <summary>The change the sample makes while it runs: cam3 with its client added, cam1 and its client removed.</summary>
    public static TopologyBuilder Changed(TopologyBuilder running) =>
        WithCamera(running, "cam3", "mandelbrot").WithoutClient("c-cam1").WithoutCamera("cam1");

    private static TopologyBuilder WithCamera(TopologyBuilder topology, string camera, string pattern) => topology
        .Camera(camera, $"synthetic://{pattern}?size=640x360&fps=25&codec=h264", node: Node)
        .Client($"c-{camera}", node: Node, cameras: [camera], analyzer: typeof(FrameStatisticsAnalyzer),
            settings: new Dictionary<string, object?> { ["report-every"] = 250 });
}
