using System.Text;

namespace Valkka.Bench;

/// <summary>
/// The topology of <c>valkka bench failover</c>: one node of role edge per host, synthetic cameras with
/// <c>placement { role = edge }</c>, each read by a client placed with it whose analyzer appends the time of each
/// incarnation's first frame to its own file (<see cref="FirstFramesAnalyzer"/>).
/// </summary>
public static class FailoverTopology
{
    public const int Port = 25560;
    public const string Analyzer = "Valkka.Bench.FirstFramesAnalyzer, valkka-bench";

    public static string Camera(int i) => $"cam{i:00}";

    public static string Client(int i) => $"c{i:00}";

    public static string Write(string folder, IReadOnlyList<(string Node, string Address)> nodes, FailoverOptions o, Func<string, string> marks)
    {
        var text = new StringBuilder("valkka {\n  insecure = on\n  nodes {\n");
        foreach (var (node, address) in nodes) text.AppendLine($"    {node} {{ host = \"{address}\", port = {Port}, roles = [edge] }}");
        text.AppendLine("  }\n  cameras {");
        for (var i = 1; i <= o.Cameras; i++)
            text.AppendLine($"    {Camera(i)} {{ url = \"synthetic://testsrc2?size={o.Size}&fps={o.Fps}&codec=h264\", ring-slots = 4, placement {{ role = edge }} }}");
        text.AppendLine("  }\n  clients {");
        for (var i = 1; i <= o.Cameras; i++)
            text.AppendLine($"    {Client(i)} {{ placement = with-camera, cameras = [{Camera(i)}], analyzer {{ type = \"{Analyzer}\", path = \"{AppContext.BaseDirectory}\", " +
                            $"settings {{ mark = \"{marks(Client(i))}\" }} }} }}");
        text.AppendLine("  }\n}");
        var path = Path.Combine(folder, "failover.conf");
        File.WriteAllText(path, text.ToString());
        return path;
    }
}
