using System.Text;
using Valkka.Nodes.Tests.Support;

namespace Valkka.Nodes.Tests.Python;

/// <summary>
/// The Python run tests' topologies, in main3's shape on 127.0.0.1: node cameras with cam1, cam2, ... (synthetic H.264
/// at the test size and 25 fps, a pattern each) and the named client and master nodes on main3's ports (a run with
/// --free-ports gives them free ones); the clients, masters and other sections are the test's.
/// </summary>
public static class PythonRunTopology
{
    private static readonly Dictionary<string, int> Ports = new()
    {
        ["cameras"] = 25540, ["client1"] = 25541, ["client2"] = 25542, ["client3"] = 25543, ["master"] = 25544,
    };

    /// <summary>The topology's text: its nodes (cameras and these), a camera a pattern (testsrc2, smptebars...), then sections.</summary>
    public static string Text(string[] nodes, string[] patterns, string sections)
    {
        var text = new StringBuilder("valkka {\n  nodes {\n");
        foreach (var node in nodes.Prepend("cameras")) text.AppendLine($"    {node} {{ host = 127.0.0.1, port = {Ports[node]} }}");
        text.AppendLine("  }\n  cameras {");
        for (var i = 0; i < patterns.Length; i++)
            text.AppendLine($"    cam{i + 1} {{ url = \"synthetic://{patterns[i]}?size={TestTopology.TestSize}&fps=25&codec=h264\", node = cameras, ring-slots = 8 }}");
        text.AppendLine("  }").AppendLine(sections).AppendLine("}");
        return text.ToString();
    }
}
