using System.Net;
using Akka.Actor;
using Valkka.Actors.Clients;
using Valkka.Actors.Metrics;
using Valkka.Actors.Node;
using Valkka.Actors.Security;
using Valkka.Actors.Topology;
using Valkka.Nodes.Control;
using Valkka.Nodes.Metrics;
using Valkka.Nodes.Stats;

namespace Valkka.Nodes.LiveView;

/// <summary>
/// The live view of `valkka run --web`: a web server in the launcher's process with the page, an
/// MJPEG stream per camera and the live table as server-sent events. Pictures come from a
/// <see cref="Valkka.Actors.LiveView.PictureReaderActor"/> per watched camera, reading its ring on this
/// host at a few frames a second; boxes from the masters (WatchResults) while a browser watches.
/// In process mode it has its own ActorSystem on a local node's host (any free port) to reach the
/// nodes, over TLS with the certificate <see cref="TlsDefinition.Launcher"/> when the topology has
/// <c>tls</c>; in-process it uses the nodes' ActorSystem. Its instruments (<see cref="WebMetrics"/>) are on a meter of
/// its own named <see cref="ValkkaInstruments.MeterName"/>: the server's own /metrics exports them (and a node's endpoint in the
/// same process, with --in-process).
/// </summary>
public sealed class LiveViewService : IAsyncDisposable
{
    private readonly ActorSystem? _ownSystem;
    private readonly LiveViewServer _server;
    private readonly IActorRef _watcher;
    private readonly NodeCertificates? _https;
    private readonly WebMetrics _metrics;

    private LiveViewService(ActorSystem? ownSystem, LiveViewServer server, IActorRef watcher, NodeCertificates? https, WebMetrics metrics)
    {
        _ownSystem = ownSystem;
        _server = server;
        _watcher = watcher;
        _https = https;
        _metrics = metrics;
    }

    /// <summary>Where the page is, e.g. http://127.0.0.1:8080/.</summary>
    public Uri Address => _server.Address!;

    /// <param name="nodesSystem">The ActorSystem of every node (--in-process), or null to reach the nodes over remoting.</param>
    /// <param name="host">Where the own ActorSystem listens (any free port): the host of a node of this machine.</param>
    /// <param name="board">The latest counters and how long the run lasts, for the table.</param>
    /// <param name="control">The running deployment, for the control API (/api/...); null: no control API.</param>
    /// <param name="say">Where the server's warnings go (an address refused for guessing the token); null: stderr.</param>
    /// <exception cref="InvalidDataException">
    /// A TLS topology and the launcher's certificate missing or not trusted; or an exposed address (not loopback)
    /// without a token file or TLS, or a token file that is not private or is empty (the message names the key).
    /// </exception>
    public static async Task<LiveViewService> StartAsync(TopologyDefinition topology, LiveViewSettings settings, ActorSystem? nodesSystem,
        string host, Func<(BoardSnapshot Board, TimeSpan Elapsed)> board, IDeploymentControl? control = null, Action<string>? say = null)
    {
        // The page, the pictures, the state and the masters asked for boxes follow live changes.
        TopologyDefinition Current() => control?.Current.Topology ?? topology;
        var web = new WebDefinition(settings.Listen, settings.TokenFile);
        if (WebAccessRules.ExposureProblems(web, topology.Tls, "the web server's address").Concat(WebAccessRules.FileProblems(web, topology.Tls))
                .FirstOrDefault() is { } refused)
            throw new InvalidDataException($"{refused.Path}: {refused.Message}");
        var exposed = WebAccessRules.IsExposed(settings.Listen);
        var access = new WebAccess(settings.TokenFile is { } tokenFile ? AccessToken.Read(tokenFile) : null, exposed, new WebSessions(TimeProvider.System),
            new TokenGuessLimit(TimeProvider.System, say ?? Console.Error.WriteLine));
        var ownSystem = nodesSystem is null ? NodeTls.Start(Akka.Configuration.ConfigurationFactory.ParseString("akka.loglevel = WARNING")
            .WithFallback(NodeConfig.TolerantFailureDetector)
            .WithFallback(NodeConfig.Create(host, 0, [])), topology.Tls, TlsDefinition.Launcher) : null;
        var system = nodesSystem ?? ownSystem!;
        string Local(string name) => $"akka://{ActorPaths.SystemName}/user/{name}";
        // A part the cluster places (its Node empty) is looked for where the cluster runs it now, by the placement the nodes
        // report: a camera's pictures while it runs on this host (its ring is here), a master's boxes wherever it runs.
        var here = topology.Nodes.FirstOrDefault(n => n.Host == host);
        IReadOnlyList<PlacedCameraRow> Placement() => board().Board.ClusterPlacement;
        IReadOnlyList<CameraAddress> Cameras()
        {
            var now = Current();
            return now.Cameras.Select(c => nodesSystem is not null ? new CameraAddress(c.Id, Local(ActorPaths.CameraName(c.Id)))
                : c.Node.Length > 0 ? new CameraAddress(c.Id, now.CameraPath(c.Id))
                : new CameraAddress(c.Id, $"placed camera {c.Id}, where the cluster runs it")
                {
                    Locator = new ClusterPlacementLocator(Placement, Current, c.Id,
                        n => here is not null && CameraRoutes.SameHost(n, here) ? ActorPaths.Remote(n, ActorPaths.CameraName(c.Id)) : null),
                }).ToList();
        }
        IReadOnlyList<string> Masters()
        {
            var now = Current();
            return now.Masters.Select(m => nodesSystem is not null ? Local(ActorPaths.MasterName(m.Id))
                    : m.Node.Length > 0 ? now.MasterPath(m.Id)
                    : new ClusterPlacementLocator(Placement, Current, Valkka.Actors.Placement.PlacedPartKeys.Master(m.Id),
                        n => ActorPaths.Remote(n, ActorPaths.MasterName(m.Id))).Locate())
                .OfType<string>().ToList();
        }

        var feeds = new PictureFeeds(system, topology.Name, Cameras, settings);
        var boxes = new BoxBoard();
        var metrics = new WebMetrics(() => access.Guesses.Refused);
        LiveViewServer? server = null;
        server = new LiveViewServer(() => LiveViewPage.Render(Current()), feeds, () =>
        {
            var (snapshot, elapsed) = board();
            return ViewState.Build(Current(), elapsed, snapshot, feeds, boxes).ToJsonString();
        }, access, control is null ? null : new ControlApi(control), metrics.Provider);
        var watcher = system.ActorOf(ResultWatcherActor.Props(Masters, () => feeds.Watchers > 0 || server.EventClients > 0, boxes,
            $"view-{Environment.ProcessId}"), $"view-results-{Environment.ProcessId}");
        NodeCertificates? https = null;
        try
        {
            // Off loopback the pictures and the token travel the network: HTTPS with the launcher's certificate.
            https = exposed ? NodeCertificates.Load(topology.Tls!, TlsDefinition.Launcher) : null;
            await server.StartAsync(new IPEndPoint(IPAddress.Parse(settings.Listen.Host == "localhost" ? "127.0.0.1" : settings.Listen.Host),
                settings.Listen.Port), https?.Certificate).ConfigureAwait(false);
        }
        catch
        {
            https?.Dispose();
            metrics.Dispose();
            await server.DisposeAsync().ConfigureAwait(false);
            system.Stop(watcher);
            if (ownSystem is not null) await ownSystem.Terminate().ConfigureAwait(false);
            throw;
        }
        return new LiveViewService(ownSystem, server, watcher, https, metrics);
    }

    /// <summary>Null when the live view can join the topology's nodes; otherwise why not (the launcher's certificate under TLS).</summary>
    public static TopologyError? JoinProblem(TopologyDefinition topology) =>
        topology.Tls is { } tls && TopologyValidator.CertificateProblem(tls, TlsDefinition.Launcher) is { } problem
            ? new TopologyError("valkka.tls", $"the live view (--web) joins the nodes over TLS with the certificate \"{TlsDefinition.Launcher}\": {problem}")
            : null;

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync().ConfigureAwait(false);
        _https?.Dispose();
        _metrics.Dispose();
        if (_ownSystem is not null) await _ownSystem.Terminate().ConfigureAwait(false);
        else _watcher.Tell(PoisonPill.Instance);
    }
}
