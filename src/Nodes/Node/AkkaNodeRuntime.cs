using System.Reflection;
using Akka.Actor;
using Akka.Configuration;
using Valkka.Actors.Analysis;
using Valkka.Actors.Analysis.Loading;
using Valkka.Actors.Cameras;
using Valkka.Actors.Clients;
using Valkka.Actors.Masters;
using Valkka.Actors.Messages;
using Valkka.Actors.Metrics;
using Valkka.Actors.Node;
using Valkka.Actors.Relays;
using Valkka.Actors.Security;
using Valkka.Actors.Topology;
using Valkka.Media.Decoding;
using Valkka.Nodes.Stats;

namespace Valkka.Nodes.Node;

/// <summary>
/// Runs the camera, client and master actors of a topology in this process: one node (its own
/// ActorSystem with remoting on the node's port), or every node at once in one local ActorSystem
/// (--in-process; actor paths are then local).
/// </summary>
public sealed class AkkaNodeRuntime : INodeRuntime
{
    private sealed record Hosted(string Node, string Id, IActorRef Actor);

    private readonly ActorSystem _system;
    private readonly ValkkaInstruments? _instruments;
    private readonly List<Hosted> _cameras = [];
    private readonly List<Hosted> _clients = [];
    private readonly List<Hosted> _masters = [];
    private readonly List<Hosted> _relays = [];
    // This host's shared-memory identity, passed to every actor's settings.
    private readonly string _hostIdentity;

    private AkkaNodeRuntime(ActorSystem system, IReadOnlyList<string> nodes, NodeRuntimeOptions options)
    {
        _system = system;
        _instruments = options.Instruments;
        _hostIdentity = options.HostIdentity;
        Nodes = nodes;
    }

    public IReadOnlyList<string> Nodes { get; }
    public ActorSystem System => _system;
    public Task WhenTerminated => _system.WhenTerminated;

    // Akka's own SIGTERM hook runs the shutdown with ClrExitReason, as StopAsync does.
    public bool ShutdownRequested => CoordinatedShutdown.Get(_system).ShutdownReason is CoordinatedShutdown.ClrExitReason;

    /// <summary>Starts one node of the topology, reachable by the others at its host:port.</summary>
    public static AkkaNodeRuntime StartNode(TopologyDefinition topology, string nodeName, NodeRuntimeOptions options)
    {
        var node = topology.Node(nodeName);
        var config = NodeConfig.TolerantFailureDetector.WithFallback(
            NodeConfig.Create(node.Host, node.Port, AnalyzerAssemblies(topology)));
        if (options.Extra is not null) config = options.Extra.WithFallback(config);
        var system = NodeTls.Start(config, topology.Tls, nodeName);
        var runtime = new AkkaNodeRuntime(system, [nodeName], options);
        system.ActorOf(QuarantineWatcher.Props(), ActorPaths.QuarantineWatcherName);
        runtime.SpawnRelays(topology, nodeName);
        runtime.Spawn(topology, nodeName, id => CameraRoutes.CameraPathFrom(topology, id, nodeName), topology.MasterPath,
            id => CameraRoutes.RelaysForMaster(topology, id));
        return runtime;
    }

    /// <summary>Starts every node of the topology in one ActorSystem without remoting.</summary>
    public static AkkaNodeRuntime StartInProcess(TopologyDefinition topology, NodeRuntimeOptions options)
    {
        var config = NodeConfig.CreateLocal(AnalyzerAssemblies(topology));
        var system = ValkkaNode.Start(options.Extra is null ? config : options.Extra.WithFallback(config));
        var runtime = new AkkaNodeRuntime(system, topology.Nodes.Select(n => n.Name).ToList(), options);
        string Local(string name) => $"akka://{ActorPaths.SystemName}/user/{name}";
        foreach (var node in topology.Nodes)
            runtime.Spawn(topology, node.Name, id => Local(ActorPaths.CameraName(id)), id => Local(ActorPaths.MasterName(id)));
        return runtime;
    }

    private void Spawn(TopologyDefinition topology, string node, Func<string, string> cameraPath, Func<string, string> masterPath,
        Func<string, IReadOnlyDictionary<string, string>>? relaysForMaster = null)
    {
        foreach (var camera in topology.CamerasOn(node))
        {
            var settings = new CameraSettings(topology.Name, camera.Id, DecoderOptionsFor(camera), camera.RingSlots) { HostIdentity = _hostIdentity };
            _cameras.Add(new Hosted(node, camera.Id, _system.ActorOf(CameraActor.Props(settings), ActorPaths.CameraName(camera.Id))));
        }
        foreach (var master in topology.MastersOn(node))
        {
            var settings = new MasterSettings(master.Id, master.Analyzer.TypeName, master.Analyzer.Settings,
                master.MaxBatchSize, master.MaxWait, master.MaxInFlightPerClient)
            {
                Instruments = _instruments?.ForMaster(node, master.Id),
                HostIdentity = _hostIdentity,
                Analyzer = LoadAnalyzer(topology.Name, master.Analyzer, typeof(IBatchAnalyzer), $"masters.{master.Id}"),
                AnalyzeTimeout = master.AnalyzeTimeout,
                RelayedCameras = relaysForMaster?.Invoke(master.Id) ?? new Dictionary<string, string>(),
            };
            _masters.Add(new Hosted(node, master.Id, _system.ActorOf(MasterActor.Props(settings), ActorPaths.MasterName(master.Id))));
        }
        foreach (var client in topology.ClientsOn(node))
        {
            var cameras = client.Cameras.Select(id => new CameraAddress(id, cameraPath(id)) { Fps = client.FpsOf(id) }).ToList();
            var settings = new ClientSettings(topology.Name, client.Id, cameras, client.Analyzer.TypeName,
                client.Analyzer.Settings, client.Master is null ? null : masterPath(client.Master), client.Credit)
            {
                Notify = client.Notify,
                Fps = client.Fps,
                Instruments = _instruments?.ForClient(node, client.Id),
                HostIdentity = _hostIdentity,
                Analyzer = LoadAnalyzer(topology.Name, client.Analyzer, typeof(IFrameAnalyzer), $"clients.{client.Id}"),
            };
            _clients.Add(new Hosted(node, client.Id, _system.ActorOf(ClientActor.Props(settings), ActorPaths.ClientName(client.Id))));
        }
    }

    /// <summary>The relays of cameras on other hosts that this node runs for its host (<see cref="CameraRoutes"/>).</summary>
    private void SpawnRelays(TopologyDefinition topology, string node)
    {
        foreach (var camera in CameraRoutes.RelayedOn(topology, node))
        {
            var relay = new RelaySettings(camera.Id, $"{node}/{camera.Id}", CameraRoutes.PublisherPath(topology, camera.Id));
            var decoder = DecoderOptionsFor(camera) with { Url = $"relay of camera {camera.Id} from {relay.PublisherPath}" };
            var slots = CameraRoutes.ServesMaster(topology, camera.Id, node) ? Math.Max(camera.RingSlots, CameraRoutes.MasterRelaySlots) : camera.RingSlots;
            var settings = new CameraSettings(topology.Name, camera.Id, decoder, slots) { Source = new RelaySourceFactory(relay), HostIdentity = _hostIdentity };
            _relays.Add(new Hosted(node, camera.Id, _system.ActorOf(CameraActor.Props(settings), ActorPaths.RelayName(camera.Id))));
        }
    }

    public static DecoderOptions DecoderOptionsFor(CameraDefinition camera) => new(camera.Url)
    {
        Width = camera.Size?.Width,
        Height = camera.Size?.Height,
        Threads = camera.Decoder.Threads,
        Loop = camera.Decoder.Loop,
        Realtime = camera.Decoder.Realtime,
        OpenTimeout = camera.Decoder.OpenTimeout,
        ReadTimeout = camera.Decoder.ReadTimeout,
        StallTimeout = camera.Decoder.StallTimeout,
        ReconnectInitialDelay = camera.Decoder.ReconnectInitialDelay,
        ReconnectMaxDelay = camera.Decoder.ReconnectMaxDelay,
        MaxReconnectAttempts = camera.Decoder.MaxReconnectAttempts,
        Decode = camera.Decode,
    };

    // The topology was validated, so a type that does not load now was removed or broken since.
    private static Type? LoadAnalyzer(string topologyName, AnalyzerDefinition analyzer, Type kind, string path) =>
        string.IsNullOrWhiteSpace(analyzer.TypeName) ? null
            : AnalyzerTypeLoader.TryLoad(analyzer, kind, out var problem) ?? throw new TopologyException(topologyName, [new TopologyError(path + ".analyzer.type", problem!)]);

    /// <summary>
    /// Every analyzer assembly of the topology, not only this node's: results travel between clients
    /// and masters of different nodes, so every node allows the result types of all of them.
    /// </summary>
    private static IReadOnlyList<Assembly> AnalyzerAssemblies(TopologyDefinition topology) =>
        topology.Clients.Select(c => (c.Analyzer, Kind: typeof(IFrameAnalyzer)))
            .Concat(topology.Masters.Select(m => (m.Analyzer, Kind: typeof(IBatchAnalyzer))))
            .Select(a => AnalyzerTypeLoader.TryLoad(a.Analyzer, a.Kind, out _)?.Assembly)
            .OfType<Assembly>().Distinct().ToList();

    public async Task<IReadOnlyList<NodeReport>> CollectAsync(TimeSpan timeout)
    {
        var cameras = _cameras.Select(h => ActorReports.Camera(h.Node, h.Actor, timeout)).ToList();
        var clients = _clients.Select(h => ActorReports.Client(h.Node, h.Actor, timeout)).ToList();
        var masters = _masters.Select(h => ActorReports.Master(h.Node, h.Actor, timeout)).ToList();
        var relays = _relays.Select(h => RelayReports.AskRelay(h.Actor, timeout)).ToList();
        var publishers = _cameras.Select(h => RelayReports.AskPublisher(h.Actor, timeout)).ToList();
        await Task.WhenAll(cameras.Cast<Task>().Concat(clients).Concat(masters).Concat(relays).Concat(publishers)).ConfigureAwait(false);
        var at = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        return Nodes.Select(node => new NodeReport(node, at,
            cameras.Select(t => t.Result).Where(r => r.Node == node && r.Row is not null).Select(r => r.Row!).ToList(),
            clients.Select(t => t.Result).Where(r => r.Node == node && r.Row is not null).Select(r => r.Row!).ToList(),
            masters.Select(t => t.Result).Where(r => r.Node == node && r.Row is not null).Select(r => r.Row!).ToList())
        {
            Relays = _relays.Zip(relays).Where(p => p.First.Node == node && p.Second.Result is not null).Select(p => p.Second.Result!).ToList(),
            Publishers = _cameras.Zip(publishers).Where(p => p.First.Node == node).SelectMany(p => p.Second.Result).ToList(),
        }).ToList();
    }

    public async Task StopAsync()
    {
        await CoordinatedShutdown.Get(_system).Run(CoordinatedShutdown.ClrExitReason.Instance).ConfigureAwait(false);
        await _system.WhenTerminated.ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_system.WhenTerminated.IsCompleted) await StopAsync().ConfigureAwait(false);
    }
}
