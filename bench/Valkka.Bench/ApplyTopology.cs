using System.Text;

namespace Valkka.Bench;

/// <summary>
/// The topologies of the apply benchmark: the base (cameras cam1..N in node "cameras", client cI reading camI in
/// node clientsK) and extra cameras xJ with a client cxJ in node "extra" (so that the base's nodes are untouched by
/// the changes), each extra client with an analyzer setting "variant" to change.
/// </summary>
public sealed class ApplyTopology(string name, ApplyOptions options, string analyzerFolder, string marks)
{
    public const string Analyzer = "Valkka.Bench.FirstFrameMarkAnalyzer, valkka-bench";

    public string Text(IReadOnlyDictionary<int, int> extras)
    {
        var text = new StringBuilder($"valkka {{\n  name = {name}\n  nodes {{\n    cameras {{ port = 21000 }}\n");
        for (var k = 1; k <= options.ClientNodes; k++) text.Append($"    clients{k} {{ port = {21000 + k} }}\n");
        text.Append("    extra { port = 21999 }\n");
        text.Append("  }\n  cameras {\n");
        foreach (var id in CameraIds(extras))
            text.Append($"    {id} {{ url = \"synthetic://testsrc2?size={options.Size}&fps={options.Fps}&codec=h264\", node = {(id.StartsWith('x') ? "extra" : "cameras")} }}\n");
        text.Append("  }\n  clients {\n");
        for (var i = 1; i <= options.Cameras; i++) Client(text, $"c{i}", $"cam{i}", $"clients{1 + (i - 1) % options.ClientNodes}", variant: 0);
        foreach (var (j, variant) in extras) Client(text, $"cx{j}", $"x{j}", "extra", variant);
        return text.Append("  }\n}\n").ToString();
    }

    /// <summary>Where the extra client cxJ marks its first analyzed frame.</summary>
    public string MarkOf(int extra) => Path.Combine(marks, $"cx{extra}");

    private IEnumerable<string> CameraIds(IReadOnlyDictionary<int, int> extras) =>
        Enumerable.Range(1, options.Cameras).Select(i => $"cam{i}").Concat(extras.Keys.Select(j => $"x{j}"));

    private void Client(StringBuilder text, string id, string camera, string node, int variant)
    {
        var mark = id.StartsWith("cx", StringComparison.Ordinal) ? $", mark = \"{Path.Combine(marks, id)}\"" : "";
        text.Append($"    {id} {{ node = {node}, credit = 4, cameras = [{camera}], analyzer {{ type = \"{Analyzer}\", path = \"{analyzerFolder}\", " +
                    $"settings {{ variant = {variant}{mark} }} }} }}\n");
    }
}
