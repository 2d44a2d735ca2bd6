using System.Text;

namespace Valkka.Nodes.Tests.Control;

/// <summary>
/// main2's shape for live-change tests: synthetic cameras in node "cameras", client cN in node clientN
/// reading camN; cameras and clients chosen by number, and an optional analyzer setting per client. The ports
/// are placeholders: runs take free ones (--free-ports).
/// </summary>
public static class LiveChangeTopology
{
    public static string Text(IEnumerable<int> cameras, IReadOnlyDictionary<int, string>? settings = null)
    {
        var ids = cameras.ToList();
        var text = new StringBuilder("valkka {\n  nodes {\n    cameras { port = 20000 }\n");
        foreach (var i in ids) text.Append($"    client{i} {{ port = {20000 + i} }}\n");
        text.Append("  }\n  cameras {\n");
        foreach (var i in ids)
            text.Append($"    cam{i} {{ url = \"synthetic://testsrc2?size=320x180&fps=10&codec=h264\", node = cameras }}\n");
        text.Append("  }\n  clients {\n");
        foreach (var i in ids)
        {
            var extra = settings?.GetValueOrDefault(i) is { } s ? $", settings {{ {s} }}" : "";
            text.Append($"    c{i} {{ node = client{i}, credit = 4, cameras = [cam{i}], analyzer {{ type = \"Valkka.Samples.FrameStatisticsAnalyzer, Valkka.Samples\", " +
                        $"path = \"$ROOT/artifacts/samples/Valkka.Samples\"{extra} }} }}\n");
        }
        return text.Append("  }\n}\n").ToString();
    }
}
