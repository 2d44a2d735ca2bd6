using Akka.Actor;
using Valkka.Actors.Analysis;
using Valkka.Actors.Analysis.Loading;
using Valkka.Actors.Cameras;
using Valkka.Actors.Clients;
using Valkka.Actors.Masters;
using Valkka.Actors.Messages;
using Valkka.Actors.Metrics;
using Valkka.Actors.Relays;
using Valkka.Actors.Topology;
using Valkka.Actors.Topology.Changes;
using Valkka.Media.Decoding;
using Valkka.Nodes.Placement;

namespace Valkka.Nodes.Node;

/// <summary>
/// The cameras, clients, masters and relays this process runs, started from their definitions and
/// stopped by id (a changed part starts anew under the same name, once its stopped self has freed it:
/// <see cref="ReusedActorNames"/>; a stopped camera has unlinked its ring).
/// </summary>
internal sealed class NodeParts(ActorSystem system, NodeRuntimeOptions options, PartAddresses addresses)
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    private readonly object _gate = new();
    private readonly List<HostedPart> _cameras = [];
    private readonly List<HostedPart> _clients = [];
    private readonly List<HostedPart> _masters = [];
    private readonly List<HostedPart> _relays = [];

    public IReadOnlyList<HostedPart> Cameras { get { lock (_gate) return [.. _cameras]; } }
    public IReadOnlyList<HostedPart> Clients { get { lock (_gate) return [.. _clients]; } }
    public IReadOnlyList<HostedPart> Masters { get { lock (_gate) return [.. _masters]; } }
    public IReadOnlyList<HostedPart> Relays { get { lock (_gate) return [.. _relays]; } }

    /// <summary>Where the placed cameras run, as this node hears it (kept by <see cref="PlacedRelays"/>): their readers here look there.</summary>
    public PlacedLocations Placed { get; } = new();

    public void StartCamera(TopologyDefinition topology, CameraDefinition camera)
    {
        // A master on this host looks up, by stream frame index, the frames that pinned clients on other hosts forward
        // (picked from their own host's relay, so later than here): the ring keeps as many as a relay that serves a master.
        var slots = topology.Masters.Any(m => camera.Placement is not null && PlacedRoutes.ForwardedByPinnedClients(topology, camera.Id, m.Id))
            ? Math.Max(camera.RingSlots, CameraRoutes.MasterRelaySlots) : camera.RingSlots;
        var settings = new CameraSettings(topology.Name, camera.Id, DecoderOptionsFor(camera), slots) { HostIdentity = options.HostIdentity };
        Add(_cameras, new HostedPart(camera.Node, camera.Id, Spawn(CameraActor.Props(settings), ActorPaths.CameraName(camera.Id))));
    }

    public void StartMaster(TopologyDefinition topology, MasterDefinition master)
    {
        var settings = new MasterSettings(master.Id, master.Analyzer.TypeName, master.Analyzer.Settings,
            master.MaxBatchSize, master.MaxWait, master.MaxInFlightPerClient)
        {
            Instruments = options.Instruments?.ForMaster(master.Node, master.Id),
            HostIdentity = options.HostIdentity,
            Analyzer = LoadAnalyzer(topology.Name, master.Analyzer, typeof(IBatchAnalyzer), $"masters.{master.Id}"),
            PythonAnalyzer = master.Analyzer.Python,
            AnalyzeTimeout = master.AnalyzeTimeout,
            RelayedCameras = addresses.RelaysForMaster(topology, master.Id),
            PlacedCameras = PlacedRoutes.RelaysForMaster(topology, master.Id).Keys.ToDictionary(id => id, id => new PlacedCameraFrames(
                PlacedLocator.Reader(topology, id, master.Node, Placed), PlacedRoutes.ForwardedByPinnedClients(topology, id, master.Id))),
        };
        Add(_masters, new HostedPart(master.Node, master.Id, Spawn(MasterActor.Props(settings), ActorPaths.MasterName(master.Id))));
    }

    public void StartClient(TopologyDefinition topology, ClientDefinition client)
    {
        var cameras = client.Cameras.Select(id => new CameraAddress(id, addresses.Camera(topology, id, client.Node))
        {
            Fps = client.FpsOf(id),
            Locator = topology.Camera(id) is { Placement: not null, Node: "" } ? PlacedLocator.Reader(topology, id, client.Node, Placed) : null,
        }).ToList();
        var placedMaster = client.Master is { } m && topology.Master(m) is { Placement: not null, Node: "" };
        var settings = new ClientSettings(topology.Name, client.Id, cameras, client.Analyzer.TypeName, client.Analyzer.Settings,
            client.Master is null ? null : placedMaster ? $"placed master {client.Master}, where the cluster runs it" : addresses.Master(topology, client.Master),
            client.Credit)
        {
            MasterLocator = placedMaster ? PlacedLocator.Master(topology, client.Master!, Placed) : null,
            Notify = client.Notify,
            Fps = client.Fps,
            Instruments = options.Instruments?.ForClient(client.Node, client.Id),
            HostIdentity = options.HostIdentity,
            Analyzer = LoadAnalyzer(topology.Name, client.Analyzer, typeof(IFrameAnalyzer), $"clients.{client.Id}"),
            PythonAnalyzer = client.Analyzer.Python,
        };
        Add(_clients, new HostedPart(client.Node, client.Id, Spawn(ClientActor.Props(settings), ActorPaths.ClientName(client.Id))));
    }

    /// <summary>The relay of a camera on another host that this node runs for its host (<see cref="CameraRoutes"/>).</summary>
    public void StartRelay(TopologyDefinition topology, string node, CameraDefinition camera)
    {
        // A placed camera's relay looks for its stream where the camera runs now, and has a ring of its own name.
        var placed = camera.Placement is not null;
        var relay = placed
            ? new RelaySettings(camera.Id, $"{node}/{camera.Id}", $"camera {camera.Id}'s stream where the cluster runs it")
                { PublisherLocator = PlacedLocator.Publisher(topology, camera.Id, Placed) }
            : new RelaySettings(camera.Id, $"{node}/{camera.Id}", CameraRoutes.PublisherPath(topology, camera.Id));
        var decoder = DecoderOptionsFor(camera) with { Url = $"relay of camera {camera.Id} from {relay.PublisherPath}" };
        var slots = CameraRoutes.ServesMaster(topology, camera.Id, node) ? Math.Max(camera.RingSlots, CameraRoutes.MasterRelaySlots) : camera.RingSlots;
        var settings = new CameraSettings(topology.Name, camera.Id, decoder, slots)
        {
            Source = new RelaySourceFactory(relay), HostIdentity = options.HostIdentity, RingName = placed ? ActorPaths.PlacedRelayRingName(camera.Id) : null,
        };
        Add(_relays, new HostedPart(node, camera.Id, Spawn(CameraActor.Props(settings), ActorPaths.RelayName(camera.Id))));
    }

    /// <summary>Stops the part of kind (a <see cref="PartKinds"/> name, or "relay") and id, if this process runs it, and waits until it has stopped.</summary>
    public async Task StopAsync(string kind, string id)
    {
        var list = kind switch
        {
            PartKinds.Camera => _cameras,
            PartKinds.Client => _clients,
            PartKinds.Master => _masters,
            "relay" => _relays,
            _ => throw new ArgumentException($"no part kind \"{kind}\"", nameof(kind)),
        };
        HostedPart? part;
        lock (_gate)
        {
            part = list.FirstOrDefault(p => p.Id == id);
            if (part is not null) list.Remove(part);
        }
        if (part is null) return;
        try
        {
            await part.Actor.GracefulStop(StopTimeout).ConfigureAwait(false);
        }
        catch (TaskCanceledException)
        {
            throw new TimeoutException($"{kind} {id} did not stop within {StopTimeout.TotalSeconds:0} s");
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

    // A part restarted by a change takes the name its stopped self may still hold for a moment.
    private IActorRef Spawn(Props props, string name) => ReusedActorNames.ActorOf(system, props, name, StopTimeout);

    private void Add(List<HostedPart> list, HostedPart part)
    {
        lock (_gate) list.Add(part);
    }

    // The topology was validated, so a type that does not load now was removed or broken since.
    private static Type? LoadAnalyzer(string topologyName, AnalyzerDefinition analyzer, Type kind, string path) =>
        string.IsNullOrWhiteSpace(analyzer.TypeName) ? null
            : AnalyzerTypeLoader.TryLoad(analyzer, kind, out var problem)
              ?? throw new TopologyException(topologyName, [new TopologyError(path + ".analyzer.type", problem!)]);
}
