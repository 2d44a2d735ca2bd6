using System.Text;
using Valkka.Actors.Topology;
using Valkka.Nodes.Cli;
using Valkka.Nodes.Launcher;
using Valkka.TestSupport;

namespace Valkka.Chaos;

/// <summary>
/// The topology a chaos run drives: the user's file plus overrides appended (a later HOCON key
/// replaces an earlier one), written beside it so that its relative analyzer paths still hold.
/// One camera is served by the runner's own RTSP server (so that it can take it away), the master's
/// analyzer is wrapped by <see cref="FaultSwitchBatchAnalyzer"/> (so that it can make it throw or
/// hang), and every node gets a free port. Dispose stops the server and removes the files.
/// </summary>
public sealed class ChaosTopology : IDisposable
{
    private readonly List<string> _files = [];

    private ChaosTopology(string path, TopologyDefinition definition, IReadOnlyDictionary<string, int> ports,
        RtspServer? rtsp, string? rtspCamera, string controlFile)
    {
        (Path, Definition, Ports, Rtsp, RtspCamera, ControlFile) = (path, definition, ports, rtsp, rtspCamera, controlFile);
        _files.Add(path);
        _files.Add(controlFile);
    }

    public string Path { get; }
    public TopologyDefinition Definition { get; }
    public IReadOnlyDictionary<string, int> Ports { get; }
    public RtspServer? Rtsp { get; }
    public string? RtspCamera { get; }
    /// <summary>The file <see cref="FaultSwitchBatchAnalyzer"/> reads: "ok", "throw" or "hang".</summary>
    public string ControlFile { get; }

    /// <summary>withFaultParts false (the soak): the file as it is, only on free ports.</summary>
    public static ChaosTopology Create(string file, string? rtspCameraId, bool withFaultParts)
    {
        var loose = new ValidationScope { CheckPorts = false, CheckAnalyzers = false, CheckShmSpace = false };
        var original = TopologyFile.Load(file, loose, new Dictionary<string, int>())
                       ?? throw new ArgumentException($"{file} is not a valid topology (errors above)");
        var full = System.IO.Path.GetFullPath(file);
        var directory = System.IO.Path.GetDirectoryName(full)!;
        var stem = $".{System.IO.Path.GetFileNameWithoutExtension(full)}.chaos-{Environment.ProcessId}";
        var controlFile = System.IO.Path.Combine(System.IO.Path.GetTempPath(), stem + ".control");
        File.WriteAllText(controlFile, FaultSwitchBatchAnalyzer.Ok);

        var text = new StringBuilder(File.ReadAllText(full)).AppendLine().AppendLine("# chaos run overrides");
        RtspServer? rtsp = null;
        string? rtspCamera = null;
        if (withFaultParts)
        {
            var camera = rtspCameraId is null ? original.Cameras[0] : original.Cameras.FirstOrDefault(c => c.Id == rtspCameraId)
                         ?? throw new ArgumentException($"--rtsp-camera {rtspCameraId}: no such camera in {file}");
            var size = camera.Size is { } s ? $"{s.Width}x{s.Height}" : "640x360";
            rtsp = new RtspServer("/" + camera.Id, "--size", size, "--fps", "25");
            rtspCamera = camera.Id;
            text.AppendLine($"valkka.cameras.{camera.Id}.url = \"{rtsp.Url}\"");
            text.AppendLine($"valkka.cameras.{camera.Id}.decoder.reconnect-max-delay = 1s");
            foreach (var master in original.Masters)
            {
                text.AppendLine($"valkka.masters.{master.Id}.analyzer.type = \"{typeof(FaultSwitchBatchAnalyzer).FullName}, valkka-chaos\"");
                text.AppendLine($"valkka.masters.{master.Id}.analyzer.path = \"{AppContext.BaseDirectory.TrimEnd('/')}\"");
                text.AppendLine($"valkka.masters.{master.Id}.analyzer.settings.control-file = \"{controlFile}\"");
            }
        }
        var path = System.IO.Path.Combine(directory, stem + ".conf");
        File.WriteAllText(path, text.ToString());

        var free = FreePorts.Take(original.Nodes.Count);
        var ports = original.Nodes.Select((n, i) => (n.Name, Port: free[i])).ToDictionary(p => p.Name, p => p.Port);
        var definition = TopologyFile.Load(path, new ValidationScope { CheckPorts = false }, ports);
        if (definition is null)
        {
            rtsp?.Dispose();
            File.Delete(path);
            throw new ArgumentException($"{path}: the chaos overrides made the topology invalid (errors above)");
        }
        return new ChaosTopology(path, definition, ports, rtsp, rtspCamera, controlFile);
    }

    /// <summary>The topology's ring files in /dev/shm now.</summary>
    public IReadOnlyList<string> Rings() => Directory.EnumerateFiles("/dev/shm", $"valkka.{Definition.Name}.*").ToList();

    public void Dispose()
    {
        Rtsp?.Dispose();
        foreach (var file in _files)
        {
            try { File.Delete(file); } catch (IOException) { }
        }
    }
}
