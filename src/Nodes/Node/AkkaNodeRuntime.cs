using System.Reflection;
using Akka.Actor;
using Valkka.Actors.Analysis;
using Valkka.Actors.Analysis.Loading;
using Valkka.Actors.Node;
using Valkka.Actors.Security;
using Valkka.Actors.Topology;
using Valkka.Media.Decoding;
using Valkka.Nodes.Placement;
using Valkka.Nodes.Stats;

namespace Valkka.Nodes.Node;

/// <summary>
/// Runs the camera, client and master actors of a topology in this process: one node (its own
/// ActorSystem with remoting on the node's port), or every node at once in one local ActorSystem
/// (--in-process; actor paths are then local).
/// </summary>
public sealed class AkkaNodeRuntime : INodeRuntime
{
    private readonly ActorSystem _system;
    private readonly NodeParts _parts;
    private readonly NodeChanges _changes;
    private readonly PartsGate _applying = new();
    private readonly bool _relays;
    private NodePlacement? _placement;

    private AkkaNodeRuntime(ActorSystem system, TopologyDefinition topology, IReadOnlyList<string> nodes, NodeRuntimeOptions options,
        PartAddresses addresses)
    {
        _system = system;
        _topology = topology;
        Nodes = nodes;
        _parts = new NodeParts(system, options, addresses);
        // Relays serve cameras of other hosts over remoting; in one local ActorSystem every camera is here.
        _relays = addresses == PartAddresses.Remote;
        // One node's process runs that node; in one local ActorSystem every node of the topology runs.
        _changes = new NodeChanges(_parts, t => _relays ? nodes : t.Nodes.Select(n => n.Name).ToList(), _relays);
    }

    public IReadOnlyList<string> Nodes { get; private set; }
    public ActorSystem System => _system;
    public Task WhenTerminated => _system.WhenTerminated;

    /// <summary>The topology this runtime runs: the one it started with, then the latest one applied.</summary>
    // Read by the placement's actors on their own threads.
    public TopologyDefinition Topology { get => _topology; private set => _topology = value; }

    private volatile TopologyDefinition _topology;

    // Akka's own SIGTERM hook runs the shutdown with ClrExitReason, as StopAsync does.
    public bool ShutdownRequested => CoordinatedShutdown.Get(_system).ShutdownReason is CoordinatedShutdown.ClrExitReason;

    /// <summary>Starts one node of the topology, reachable by the others at its host:port.</summary>
    public static AkkaNodeRuntime StartNode(TopologyDefinition topology, string nodeName, NodeRuntimeOptions options)
    {
        var node = topology.Node(nodeName);
        // A member of the topology's cluster; the remote failure detector still watches peers that are not members yet.
        var config = ClusterConfig.For(topology, nodeName, options.Restarted).WithFallback(NodeConfig.TolerantFailureDetector)
            .WithFallback(NodeConfig.Create(node.Host, node.Port, AnalyzerAssemblies(topology)));
        if (options.Extra is not null) config = options.Extra.WithFallback(config);
        var system = NodeTls.Start(config, topology.Tls, nodeName);
        var runtime = new AkkaNodeRuntime(system, topology, [nodeName], options, PartAddresses.Remote);
        system.ActorOf(QuarantineWatcher.Props(ClusterConfig.DowningAfter), ActorPaths.QuarantineWatcherName);
        system.ActorOf(ClusterMembershipLog.Props(), ActorPaths.ClusterLogName);
        system.ActorOf(JoinProbe.Props(nodeName), ActorPaths.JoinProbeName);
        if (options.Restarted) system.ActorOf(RestartJoin.Props(nodeName, () => runtime.Topology), ActorPaths.RestartJoinName);
        runtime.StartAll(topology);
        // Every node may host the placement singleton (the oldest member does) and runs what it is given.
        runtime._placement = new NodePlacement(system, nodeName, runtime._parts, runtime._applying, () => runtime.Topology);
        runtime._placement.Follow(topology);
        return runtime;
    }

    /// <summary>Starts every node of the topology in one ActorSystem without remoting.</summary>
    public static AkkaNodeRuntime StartInProcess(TopologyDefinition topology, NodeRuntimeOptions options)
    {
        var config = NodeConfig.CreateLocal(AnalyzerAssemblies(topology));
        var system = ValkkaNode.Start(options.Extra is null ? config : options.Extra.WithFallback(config));
        var runtime = new AkkaNodeRuntime(system, topology, topology.Nodes.Select(n => n.Name).ToList(), options, PartAddresses.Local);
        runtime.StartAll(topology);
        return runtime;
    }

    private void StartAll(TopologyDefinition topology)
    {
        foreach (var node in Nodes)
        {
            foreach (var camera in topology.CamerasOn(node)) _parts.StartCamera(topology, camera);
            if (_relays)
                foreach (var camera in CameraRoutes.RelayedOn(topology, node)) _parts.StartRelay(topology, node, camera);
            foreach (var master in topology.MastersOn(node)) _parts.StartMaster(topology, master);
            foreach (var client in topology.ClientsOn(node)) _parts.StartClient(topology, client);
        }
    }

    /// <summary>
    /// One phase of a change to desired (<see cref="ApplyPhase"/>) on this runtime's nodes; after the start
    /// phase, desired is what this runtime runs. Returns what did not go as planned.
    /// </summary>
    public async Task<IReadOnlyList<string>> ApplyAsync(ApplyPhase phase, TopologyDefinition desired)
    {
        await _applying.WaitAsync().ConfigureAwait(false);
        try
        {
            if (phase == ApplyPhase.Stop) _applying.ChangeBegins();
            if (phase == ApplyPhase.Start) TrustAnalyzers(desired);
            var failures = await _changes.ApplyAsync(phase, Topology, desired).ConfigureAwait(false);
            if (phase == ApplyPhase.Start)
            {
                Topology = desired;
                if (!_relays) Nodes = desired.Nodes.Select(n => n.Name).ToList();
                _applying.ChangeEnds();
                // Placed parts are the placement's: it starts, stops and restarts them by the new topology.
                _placement?.Follow(desired);
            }
            return failures;
        }
        finally
        {
            _applying.Release();
        }
    }

    // Results travel between nodes: every node accepts the result types of every analyzer of the topology.
    private void TrustAnalyzers(TopologyDefinition desired)
    {
        if (_system.Serialization.FindSerializerForType(typeof(object)) is ValkkaSerializer serializer)
            foreach (var assembly in AnalyzerAssemblies(desired)) serializer.Allowlist.Trust(assembly);
    }

    public static DecoderOptions DecoderOptionsFor(CameraDefinition camera) => NodeParts.DecoderOptionsFor(camera);

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
        var (hostedCameras, hostedClients, hostedMasters, hostedRelays) = (_parts.Cameras, _parts.Clients, _parts.Masters, _parts.Relays);
        var cameras = hostedCameras.Select(h => ActorReports.Camera(h, timeout)).ToList();
        var clients = hostedClients.Select(h => ActorReports.Client(h, timeout)).ToList();
        var masters = hostedMasters.Select(h => ActorReports.Master(h, timeout)).ToList();
        var relays = hostedRelays.Select(h => RelayReports.AskRelay(h.Actor, timeout)).ToList();
        var publishers = hostedCameras.Select(h => RelayReports.AskPublisher(h.Actor, timeout)).ToList();
        await Task.WhenAll(cameras.Cast<Task>().Concat(clients).Concat(masters).Concat(relays).Concat(publishers)).ConfigureAwait(false);
        var at = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        // A part a live change stopped while its counters were asked for is not reported: the launcher has
        // forgotten it once the change's answer came, and a late row would bring it back.
        var stillHosted = _parts.Cameras.Concat(_parts.Clients).Concat(_parts.Masters).Select(h => h.Actor).ToHashSet();
        cameras = cameras.Where((_, i) => stillHosted.Contains(hostedCameras[i].Actor)).ToList();
        clients = clients.Where((_, i) => stillHosted.Contains(hostedClients[i].Actor)).ToList();
        masters = masters.Where((_, i) => stillHosted.Contains(hostedMasters[i].Actor)).ToList();
        var topology = Topology;
        var moves = _placement is null ? null : await _placement.MovesAsync(timeout).ConfigureAwait(false);
        var map = _placement is null ? null : await _placement.MapAsync(timeout).ConfigureAwait(false);
        return Nodes.Select(node => PlacementStatus.Fill(new NodeReport(node, at,
            cameras.Select(t => t.Result).Where(r => r.Node == node && r.Row is not null).Select(r => r.Row!).ToList(),
            clients.Select(t => t.Result).Where(r => r.Node == node && r.Row is not null).Select(r => r.Row!).ToList(),
            masters.Select(t => t.Result).Where(r => r.Node == node && r.Row is not null).Select(r => r.Row!).ToList())
        {
            Relays = hostedRelays.Zip(relays).Where(p => p.First.Node == node && p.Second.Result is not null).Select(p => p.Second.Result!).ToList(),
            Publishers = hostedCameras.Zip(publishers).Where(p => p.First.Node == node).SelectMany(p => p.Second.Result).ToList(),
            ClusterPlacement = map,
        }, topology, hostedCameras.Concat(hostedClients).Concat(hostedMasters).Where(h => h.Node == node).Select(h => h.Id), moves)).ToList();
    }

    public async Task StopAsync()
    {
        await CoordinatedShutdown.Get(_system).Run(CoordinatedShutdown.ClrExitReason.Instance).ConfigureAwait(false);
        await _system.WhenTerminated.ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_system.WhenTerminated.IsCompleted) await StopAsync().ConfigureAwait(false);
        _applying.Dispose();
    }
}
