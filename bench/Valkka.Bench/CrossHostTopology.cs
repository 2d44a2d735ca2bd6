using System.Globalization;
using System.Text;

namespace Valkka.Bench;

/// <summary>
/// The topology of <c>valkka bench cross-host</c>: node <c>cams</c> on host A plays the clip looped in
/// real time as N cameras; every variant's readers are a node of their own (<see cref="CrossHostVariant.Node"/>),
/// on A, B or C. One file for every round: a round starts only its variant's node.
/// </summary>
public static class CrossHostTopology
{
    public const string Name = "crossbench";
    public const string CamerasNode = "cams";
    public const int FirstPort = 25530;
    public const int ReceiverPort = 25600;
    public const int RtspPort = 8554;
    public const string RtspPath = "/cam";

    public static string CameraId(int i) => $"cam{i}";
    public static string ClientId(CrossHostVariant v, int i) => $"{v.Node}-{i}";

    /// <param name="hostOf">The address of the host that runs a node.</param>
    public static string Write(string folder, string clip, int cameras, IReadOnlyList<CrossHostVariant> variants, Func<string, string> hostOf,
        string receiverAddress)
    {
        string analyzers = Quote(AppContext.BaseDirectory.TrimEnd('/'));
        var s = new StringBuilder();
        s.AppendLine(CultureInfo.InvariantCulture, $"valkka {{\n  name = {Name}\n  insecure = on\n  nodes {{");
        var nodes = new[] { CamerasNode }.Concat(variants.Select(v => v.Node)).ToList();
        for (int n = 0; n < nodes.Count; n++)
            s.AppendLine(CultureInfo.InvariantCulture, $"    {nodes[n]} {{ host = \"{hostOf(nodes[n])}\", port = {FirstPort + n} }}");
        s.AppendLine("  }\n  cameras {");
        for (int i = 0; i < cameras; i++)
            s.AppendLine(CultureInfo.InvariantCulture,
                $"    {CameraId(i)} {{ url = {Quote(clip)}, node = {CamerasNode}, decoder {{ loop = true, realtime = true }} }}");
        foreach (var v in variants.Where(v => v.Kind == CrossHostKind.SecondRtsp))
            for (int i = 0; i < cameras; i++)
                s.AppendLine(CultureInfo.InvariantCulture,
                    $"    {v.Node}cam{i} {{ url = \"rtsp://{hostOf(CamerasNode)}:{RtspPort}{RtspPath}\", node = {v.Node} }}");
        s.AppendLine("  }\n  clients {");
        foreach (var v in variants)
            for (int i = 0; i < cameras; i++)
            {
                string camera = v.Kind == CrossHostKind.SecondRtsp ? $"{v.Node}cam{i}" : CameraId(i);
                string fps = v.Fps == 25 ? "" : $", fps = {v.Fps}";
                s.AppendLine(CultureInfo.InvariantCulture,
                    $"    {ClientId(v, i)} {{ node = {v.Node}, credit = 4, cameras = [{camera}]{fps}, analyzer {{ path = {analyzers}, {Analyzer(v, receiverAddress, hostOf(v.Node))} }} }}");
            }
        s.AppendLine("  }\n}");
        var path = Path.Combine(folder, Name + ".conf");
        File.WriteAllText(path, s.ToString());
        return path;
    }

    private static string Analyzer(CrossHostVariant v, string receiverAddress, string bindAddress) => v.Kind switch
    {
        CrossHostKind.RawRgb or CrossHostKind.Jpeg =>
            $"type = \"{typeof(RemoteFrameSender).FullName}, {typeof(RemoteFrameSender).Assembly.GetName().Name}\", " +
            $"settings {{ receiver = \"{RemoteFrameSender.ReceiverPath(receiverAddress, ReceiverPort)}\", bind = \"{bindAddress}\", " +
            $"format = {(v.Kind == CrossHostKind.Jpeg ? RemoteFrameSender.JpegFormat : RemoteFrameSender.RgbFormat)} }}",
        _ => $"type = \"{typeof(FirstRowAnalyzer).FullName}, {typeof(FirstRowAnalyzer).Assembly.GetName().Name}\"",
    };

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
