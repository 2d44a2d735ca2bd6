using System.Text.RegularExpressions;
using Akka.Configuration;
using Valkka.Actors.Messages;
using Valkka.Actors.Security;
using Valkka.Media.Sources;

namespace Valkka.Actors.Topology;

/// <summary>
/// Reads the HOCON of a topology (root key "valkka") into a <see cref="TopologyDefinition"/>,
/// collecting every structural error: unknown and missing keys, wrong value types, duplicate ids
/// and references to nodes, cameras or masters that do not exist. Checks that need the machine
/// (ports, analyzer types, room in /dev/shm) are in <see cref="TopologyValidator"/>.
/// </summary>
public static partial class TopologyParser
{
    public const string DefaultHost = "127.0.0.1";
    public const int DefaultRingSlots = 8;
    public const int DefaultCredit = 2;
    public const int DefaultMaxBatchSize = 8;
    public static readonly TimeSpan DefaultMaxWait = TimeSpan.FromMilliseconds(20);

    private static readonly string[] RootKeys = ["name", "nodes", "cameras", "clients", "masters", "tls", "insecure", "metrics", "web", "cluster"];
    private static readonly string[] CameraKeys = ["url", "node", "placement", "size", "ring-slots", "decoder", "decode"];
    private static readonly string[] DecoderKeys =
    [
        "threads", "loop", "realtime", "open-timeout", "read-timeout", "stall-timeout",
        "reconnect-initial-delay", "reconnect-max-delay", "max-reconnect-attempts",
    ];
    private static readonly string[] ClientKeys = ["node", "placement", "cameras", "analyzer", "master", "credit", "notify", "fps", "camera-fps"];
    private static readonly string[] MasterKeys = ["node", "placement", "analyzer", "batch", "max-in-flight-per-client", "analyze-timeout"];
    private static readonly string[] BatchKeys = ["max-size", "max-wait"];

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex ValidName();

    /// <summary>Parses a topology; see <see cref="TopologyParseResult.IsValid"/>.</summary>
    public static TopologyParseResult Parse(string hocon, string defaultName, string? sourcePath = null)
    {
        var errors = new List<TopologyError>();
        Config config;
        try
        {
            config = ConfigurationFactory.ParseString(hocon);
        }
        catch (Exception e)
        {
            errors.Add(new TopologyError("(file)", HoconSyntaxError.Describe(hocon, e)));
            return new TopologyParseResult(null, errors);
        }

        var rootObject = config.Root?.IsObject() == true ? config.Root.GetObject() : null;
        if (rootObject is null || !rootObject.Items.TryGetValue("valkka", out var valkkaValue))
        {
            errors.Add(new TopologyError("valkka", "missing required key (a topology file has a root object valkka { ... })"));
            return new TopologyParseResult(null, errors);
        }
        if (!valkkaValue.IsObject())
        {
            errors.Add(new TopologyError("valkka", $"expected an object {{ ... }}, got {HoconSection.Describe(valkkaValue)}"));
            return new TopologyParseResult(null, errors);
        }

        var root = new HoconSection("valkka", valkkaValue.GetObject(), errors);
        root.RejectUnknownKeys(RootKeys);
        foreach (var d in DuplicateIdScanner.Find(hocon))
            errors.Add(new TopologyError(d.Path, $"duplicate id \"{d.Path[(d.Path.LastIndexOf('.') + 1)..]}\" (defined twice in the same block, lines {d.FirstLine} and {d.SecondLine})"));

        var name = root.Has("name") ? root.String("name", required: true) : defaultName;
        if (name is not null && !ValidName().IsMatch(name))
            root.Error("name", $"\"{name}\" is not a valid topology name (1-64 letters, digits, '-' or '_'; it names the rings in /dev/shm)");

        // Analyzer paths are relative to the topology file, so that it runs from any current folder.
        var baseDirectory = sourcePath is null ? Directory.GetCurrentDirectory() : Path.GetDirectoryName(Path.GetFullPath(sourcePath))!;
        var nodes = NodeKeys.Read(root);
        var cameras = ReadCameras(root, nodes, errors);
        var masters = ReadMasters(root, nodes, baseDirectory);
        var clients = ReadClients(root, nodes, cameras, masters, baseDirectory, errors);
        CheckIdsAcrossKinds(cameras, clients, masters, errors);
        errors.AddRange(PlacementKeys.Check(cameras, clients));
        var tls = SecurityKeys.Tls(root, baseDirectory);
        var insecure = root.Bool("insecure", false);
        SecurityKeys.CheckExposedNodes(root, nodes, tls, insecure);
        if (tls is not null) nodes = nodes.Select(n => n with { Protocol = NodeDefinition.TlsProtocol }).ToList();

        // With errors the definition is partial; it is still returned so that the machine checks
        // can report their errors too (a file's errors all at once), but nothing may run from it.
        var topology = new TopologyDefinition(name ?? defaultName, sourcePath, nodes, cameras, clients, masters)
        {
            Metrics = MetricsKeys.Read(root, nodes.Count),
            Tls = tls,
            Insecure = insecure,
            Web = WebKeys.Read(root, baseDirectory, tls, errors),
            Cluster = ClusterKeys.Read(root, nodes),
        };
        return new TopologyParseResult(topology, errors);
    }

    /// <summary>Two nodes on one host:port (checked after any port overrides are applied).</summary>
    public static IEnumerable<TopologyError> DuplicatePorts(IEnumerable<NodeDefinition> nodes) =>
        nodes.Where(n => n.Port != 0).GroupBy(n => (n.Host, n.Port)).Where(g => g.Count() > 1)
            .SelectMany(group => group.Skip(1).Select(dup => new TopologyError($"valkka.nodes.{dup.Name}.port",
                $"port {dup.Port} on {dup.Host} is already used by node \"{group.First().Name}\"")));

    private static List<CameraDefinition> ReadCameras(HoconSection root, List<NodeDefinition> nodes, List<TopologyError> errors)
    {
        var cameras = new List<CameraDefinition>();
        var section = root.Object("cameras", required: true);
        if (section is null) return cameras;
        var children = section.Children().ToList();
        if (children.Count == 0) root.Error("cameras", "must define at least one camera");
        foreach (var (id, camera) in children)
        {
            CheckId(section, id, "camera id");
            camera.RejectUnknownKeys(CameraKeys);
            var url = camera.String("url", required: true);
            if (url is not null && Valkka.Media.Sources.CameraUrl.Problem(url) is { } urlProblem) camera.Error("url", urlProblem);
            var placement = PlacementKeys.Read(camera, "camera", nodes);
            var node = placement is null ? NodeReference(camera, nodes) : null;
            FrameSize? size = null;
            if (camera.Has("size"))
            {
                var text = camera.String("size", required: true);
                if (text is not null)
                {
                    if (FrameSize.TryParse(text, out var parsed)) size = parsed;
                    else camera.Error("size", $"expected WIDTHxHEIGHT from 16x16 to 16384x16384 (e.g. 1280x720), got \"{text}\"");
                }
            }
            var slots = camera.Int("ring-slots", DefaultRingSlots, 2, 64);
            var decoder = ReadDecoder(camera.Object("decoder", required: false));
            cameras.Add(new CameraDefinition(id, node ?? "", url ?? "", size, slots, decoder) { Decode = RateKeys.Decode(camera), Placement = placement });
        }
        return cameras;
    }

    private static DecoderDefinition ReadDecoder(HoconSection? section)
    {
        var d = DecoderDefinition.Default;
        if (section is null) return d;
        section.RejectUnknownKeys(DecoderKeys);
        var hour = TimeSpan.FromHours(1);
        var ms = TimeSpan.FromMilliseconds(1);
        return new DecoderDefinition(
            Threads: section.Int("threads", d.Threads, 0, 16),
            Loop: section.Bool("loop", d.Loop),
            Realtime: section.Bool("realtime", d.Realtime),
            OpenTimeout: section.Duration("open-timeout", d.OpenTimeout, ms, hour),
            ReadTimeout: section.Duration("read-timeout", d.ReadTimeout, ms, hour),
            StallTimeout: section.Duration("stall-timeout", d.StallTimeout, ms, hour),
            ReconnectInitialDelay: section.Duration("reconnect-initial-delay", d.ReconnectInitialDelay, TimeSpan.Zero, hour),
            ReconnectMaxDelay: section.Duration("reconnect-max-delay", d.ReconnectMaxDelay, TimeSpan.Zero, hour),
            MaxReconnectAttempts: section.OptionalInt("max-reconnect-attempts", "forever", 0, int.MaxValue));
    }

    private static List<MasterDefinition> ReadMasters(HoconSection root, List<NodeDefinition> nodes, string baseDirectory)
    {
        var masters = new List<MasterDefinition>();
        var section = root.Object("masters", required: false);
        if (section is null) return masters;
        foreach (var (id, master) in section.Children())
        {
            CheckId(section, id, "master id");
            master.RejectUnknownKeys(MasterKeys);
            var placement = PlacementKeys.Read(master, "master", nodes);
            var node = placement is null ? NodeReference(master, nodes) : null;
            var analyzer = AnalyzerKeys.Read(master, baseDirectory);
            var batch = master.Object("batch", required: false);
            batch?.RejectUnknownKeys(BatchKeys);
            var maxSize = batch?.Int("max-size", DefaultMaxBatchSize, 1, 1024) ?? DefaultMaxBatchSize;
            var maxWait = batch?.Duration("max-wait", DefaultMaxWait, TimeSpan.Zero, TimeSpan.FromSeconds(10)) ?? DefaultMaxWait;
            var inFlight = master.Int("max-in-flight-per-client", 1, 1, 64);
            var timeout = master.Duration("analyze-timeout", Masters.MasterSettings.DefaultAnalyzeTimeout, TimeSpan.FromMilliseconds(1), TimeSpan.FromHours(1));
            masters.Add(new MasterDefinition(id, node ?? "", analyzer, maxSize, maxWait, inFlight) { AnalyzeTimeout = timeout, Placement = placement });
        }
        return masters;
    }

    private static List<ClientDefinition> ReadClients(HoconSection root, List<NodeDefinition> nodes,
        List<CameraDefinition> cameras, List<MasterDefinition> masters, string baseDirectory, List<TopologyError> errors)
    {
        var clients = new List<ClientDefinition>();
        var section = root.Object("clients", required: true);
        if (section is null) return clients;
        var children = section.Children().ToList();
        if (children.Count == 0) root.Error("clients", "must define at least one client");
        foreach (var (id, client) in children)
        {
            CheckId(section, id, "client id");
            client.RejectUnknownKeys(ClientKeys);
            var withCamera = PlacementKeys.ReadClient(client);
            var node = withCamera ? null : NodeReference(client, nodes);
            var cameraIds = client.StringList("cameras", required: true) ?? [];
            if (client.Has("cameras") && cameraIds.Count == 0) client.Error("cameras", "must name at least one camera");
            for (var i = 0; i < cameraIds.Count; i++)
            {
                if (cameras.Any(c => c.Id == cameraIds[i])) continue;
                var path = client.Items["cameras"].IsArray() ? $"{client.PathOf("cameras")}[{i}]" : client.PathOf("cameras");
                errors.Add(new TopologyError(path, $"unknown camera \"{cameraIds[i]}\" (known: {Known(cameras.Select(c => c.Id))})"));
            }
            foreach (var dup in cameraIds.GroupBy(c => c).Where(g => g.Count() > 1))
                client.Error("cameras", $"camera \"{dup.Key}\" is listed {dup.Count()} times");
            var analyzer = AnalyzerKeys.Read(client, baseDirectory);
            string? master = null;
            if (client.Has("master"))
            {
                master = client.String("master", required: true);
                if (master is not null && masters.All(m => m.Id != master))
                    client.Error("master", $"unknown master \"{master}\" (known: {Known(masters.Select(m => m.Id))})");
            }
            var credit = client.Int("credit", DefaultCredit, 1, 64);
            var notify = FrameNotify.Doorbell;
            if (client.Has("notify"))
            {
                switch (client.String("notify", required: true))
                {
                    case "doorbell": break;
                    case "remote": notify = FrameNotify.Remote; break;
                    case var other: client.Error("notify", $"must be doorbell or remote, got \"{other}\""); break;
                }
            }
            clients.Add(new ClientDefinition(id, node ?? "", cameraIds, analyzer, master, credit, notify)
            {
                Fps = client.PositiveNumber("fps"),
                CameraFps = RateKeys.CameraFps(client, cameraIds),
                WithCamera = withCamera,
            });
        }
        return clients;
    }

    private static string? NodeReference(HoconSection owner, List<NodeDefinition> nodes)
    {
        var node = owner.String("node", required: true);
        if (node is null) return null;
        if (nodes.All(n => n.Name != node))
            owner.Error("node", $"unknown node \"{node}\" (known: {Known(nodes.Select(n => n.Name))})");
        return node;
    }

    internal static void CheckId(HoconSection section, string id, string what) => CheckId(section, id, what, id);

    /// <summary>An error at key when name is not a valid name.</summary>
    internal static void CheckId(HoconSection section, string key, string what, string name)
    {
        if (!ValidName().IsMatch(name))
            section.Error(key, $"\"{name}\" is not a valid {what} (1-64 letters, digits, '-' or '_')");
    }

    // Ids name actors and rings and label the stats; one id for two things would make both ambiguous.
    private static void CheckIdsAcrossKinds(List<CameraDefinition> cameras, List<ClientDefinition> clients,
        List<MasterDefinition> masters, List<TopologyError> errors)
    {
        var seen = new Dictionary<string, string>();
        foreach (var (kind, id) in cameras.Select(c => ("cameras", c.Id))
                     .Concat(clients.Select(c => ("clients", c.Id)))
                     .Concat(masters.Select(m => ("masters", m.Id))))
        {
            var path = $"valkka.{kind}.{id}";
            if (seen.TryGetValue(id, out var firstPath))
                errors.Add(new TopologyError(path, $"duplicate id \"{id}\" (already used by {firstPath})"));
            else
                seen[id] = path;
        }
    }

    private static string Known(IEnumerable<string> names)
    {
        var list = names.ToList();
        return list.Count == 0 ? "none defined" : string.Join(", ", list);
    }
}
