using System.Globalization;
using Akka.Actor;
using Valkka.Actors.Clients;
using Valkka.Actors.Topology;

namespace Valkka.Bench;

/// <summary>
/// The client nodes of <c>valkka bench decode</c>: one per camera (main2's shape; a step adds the
/// new ones), or one for every camera (main1's shape; it stays up, each step adds or stops clients).
/// Each client asks its camera for the sweep's rate.
/// </summary>
public sealed class DecodeClients(DecodeOptions o) : IDisposable
{
    public const string Role = "decode-client";

    private readonly List<PeerProcess> _nodes = new();
    private readonly List<string> _ports = new();
    private readonly List<string> _pids = new();

    /// <summary>Each camera's client node port, in camera order.</summary>
    public IReadOnlyList<string> Ports => _ports;
    /// <summary>The client nodes' process ids.</summary>
    public IReadOnlyList<string> Pids => _pids;

    /// <summary>Clients for cameras d0..d(n-1) of the camera node on cameraPort (one node: adds or stops clients; nodes per camera only grow).</summary>
    public void Grow(int n, int cameraPort)
    {
        if (o.OneClientNode)
        {
            // The one node stays up from step to step and adds or stops clients: a new node's start-up is seconds of JIT.
            if (_nodes.Count == 0) Start(cameraPort, 0, n);
            else _nodes[0].Send($"clients {n}");
            var ready = _nodes[0].WaitFor("READY", TimeSpan.FromSeconds(180)).Split(' ');
            _ports.Clear();
            _pids.Clear();
            _ports.AddRange(Enumerable.Repeat(ready[0], n));
            _pids.Add(ready[1]);
            return;
        }
        int started = _nodes.Count;
        while (_nodes.Count < n) Start(cameraPort, _nodes.Count, 1); // start the step's new nodes together, then wait for each
        foreach (var node in _nodes.Skip(started))
        {
            var ready = node.WaitFor("READY", TimeSpan.FromSeconds(180)).Split(' ');
            _ports.Add(ready[0]);
            _pids.Add(ready[1]);
        }
    }

    private PeerProcess Start(int cameraPort, int first, int count)
    {
        var node = PeerProcess.Start(Role, ("camera_port", cameraPort), ("first", first), ("count", count), ("analyzer", o.Analyzer),
            ("credit", o.Credit), ("fps", o.Fps is { } f ? f.ToString(CultureInfo.InvariantCulture) : "all"));
        _nodes.Add(node);
        return node;
    }

    public void Dispose()
    {
        foreach (var node in _nodes) node.Dispose();
        _nodes.Clear();
        _ports.Clear();
        _pids.Clear();
    }

    public static int RunClient(PeerArgs args)
    {
        int first = args.Int("first"), count = args.Int("count");
        string analyzer = args.String("analyzer");
        double? fps = args.String("fps") == "all" ? null : args.Double("fps");
        using var system = ActorSystem.Create(FrameWire.SystemName, FrameWire.Config());
        var clients = new List<IActorRef>();
        void Resize(int total)
        {
            for (int i = first + clients.Count; i < first + total; i++)
            {
                string camera = $"d{i}";
                var settings = new ClientSettings("bench", camera, [new CameraAddress(camera, FrameWire.CameraPath(args.Int("camera_port"), camera))],
                    analyzer, Akka.Configuration.Config.Empty, null, args.Int("credit")) { Fps = fps };
                clients.Add(system.ActorOf(analyzer == DecodeScaling.LightAnalyzer
                    ? ClientActor.Props(settings with { AnalyzerType = "" }, () => new FirstRowAnalyzer())
                    : ClientActor.Props(settings), ActorPaths.ClientName(camera)));
            }
            while (clients.Count > total)
            {
                clients[^1].GracefulStop(TimeSpan.FromSeconds(20)).Wait();
                clients.RemoveAt(clients.Count - 1);
            }
            Console.WriteLine($"READY {BenchAkka.BoundPort(system)} {Environment.ProcessId}");
        }
        Resize(count);
        // One node for every camera: the bench sends "clients N" at each step.
        while (Console.ReadLine() is { } line)
            if (line.Split(' ') is ["clients", var total]) Resize(int.Parse(total));
        system.WhenTerminated.Wait(); // killed by the bench
        return 0;
    }
}
