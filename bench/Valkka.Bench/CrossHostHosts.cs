using System.Globalization;
using Valkka.TestSupport;
using Valkka.TestSupport.Hosts;

namespace Valkka.Bench;

/// <summary>
/// The hosts of <c>valkka bench cross-host</c>: network namespaces A, B and C with their own /dev/shm
/// (<see cref="TestNetwork"/>), the topology file, and the camera node on A, which plays the clip for
/// every round. Dispose kills every process by pid and removes the namespaces.
/// </summary>
public sealed class CrossHostHosts : IDisposable
{
    public const string Device = "eth0";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(180);
    private readonly TestNetwork _network;
    private readonly DirectoryInfo _folder;
    private readonly string _clip;
    private readonly object _gate = new();
    private ChildProcess? _cameras;
    private bool _disposed;

    private CrossHostHosts(TestNetwork network, string clip)
    {
        _network = network;
        _clip = clip;
        _folder = Directory.CreateTempSubdirectory("valkka-crossbench-");
        A = network.AddHost("A");
        B = network.AddHost("B");
        C = network.AddHost("C");
    }

    public TestHost A { get; }
    public TestHost B { get; }
    /// <summary>relay-5's host, so that its node is the first reader of the cameras on its host and owns the relay.</summary>
    public TestHost C { get; }
    public string TopologyPath { get; private set; } = "";
    public ChildProcess Cameras => _cameras ?? throw new InvalidOperationException("the camera node has not started");

    public static CrossHostHosts Start(string clip, int cameras, IReadOnlyList<CrossHostVariant> variants)
    {
        var network = TestNetwork.Create();
        CrossHostHosts? hosts = null;
        try
        {
            hosts = new CrossHostHosts(network, clip);
            hosts.TopologyPath = CrossHostTopology.Write(hosts._folder.FullName, clip, cameras, variants, n => hosts.HostOf(n).Address, hosts.B.Address);
            hosts._cameras = hosts.StartNode(CrossHostTopology.CamerasNode);
            hosts._cameras.WaitForLine(l => NodeStats.CamerasRunning(l) == cameras, StartTimeout, $"{cameras} cameras streaming on host A");
            return hosts;
        }
        catch
        {
            if (hosts is not null) hosts.Dispose();
            else network.Dispose();
            throw;
        }
    }

    public TestHost HostOf(string node) => CrossHostVariant.All.FirstOrDefault(v => v.Node == node)?.Host switch
    {
        'B' => B,
        'C' => C,
        _ => A,
    };

    /// <summary>Starts <c>valkka node FILE --node NAME</c> on the node's host.</summary>
    public ChildProcess StartNode(string node) =>
        HostOf(node).StartDotnet(Path.Combine(AppContext.BaseDirectory, "valkka.dll"), ["node", TopologyPath, "--node", node], Environment());

    /// <summary>The <see cref="FrameReceiver"/> on B, once it listens.</summary>
    public ChildProcess StartReceiver()
    {
        var receiver = B.StartDotnet(PeerLauncher.HostAssemblyPath,
            [BenchCommand.PeerCommandName, FrameReceiver.Role, $"bind={B.Address}", $"port={CrossHostTopology.ReceiverPort}"], Environment());
        receiver.WaitForLine("READY", StartTimeout);
        return receiver;
    }

    /// <summary>GStreamer's RTSP server on A (tests' rtsp_server.py) serving the clip, once it listens.</summary>
    public ChildProcess StartRtspServer()
    {
        var server = A.Start("/usr/bin/python3",
        [
            RtspServer.ScriptPath, "--bind", A.Address, "--port", CrossHostTopology.RtspPort.ToString(CultureInfo.InvariantCulture),
            "--path", CrossHostTopology.RtspPath, "--source", _clip, "--parent-pid", System.Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
        ]);
        server.WaitForLine("READY ", StartTimeout);
        return server;
    }

    /// <summary>As <see cref="PeerLauncher"/>'s peers: full JIT, so that tier-up is not counted as per-frame cost.</summary>
    private static Dictionary<string, string> Environment()
    {
        var variables = new Dictionary<string, string> { ["DOTNET_NOLOGO"] = "1" };
        if (string.IsNullOrEmpty(System.Environment.GetEnvironmentVariable(PeerLauncher.TieredJitVariable)))
            variables["DOTNET_TieredCompilation"] = "0";
        return variables;
    }

    /// <summary>Safe to call from several threads (a signal handler and the bench): the first call cleans up, the others wait for it.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            StopCameras();
            _network.Dispose();
            try { _folder.Delete(recursive: true); }
            catch (IOException) { }
        }
    }

    /// <summary>SIGTERM first, so that the camera node removes its rings as it does in a deployment.</summary>
    private void StopCameras()
    {
        if (_cameras is not { HasExited: false } cameras) return;
        cameras.Terminate();
        try { cameras.WaitForExit(TimeSpan.FromSeconds(30)); }
        catch (TimeoutException) { }
    }
}
