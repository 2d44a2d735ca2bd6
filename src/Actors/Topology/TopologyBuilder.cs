using System.Collections.Immutable;
using System.Text;
using Valkka.Actors.Messages;
using Valkka.Media.Decoding;

namespace Valkka.Actors.Topology;

/// <summary>
/// A topology built in code. Every operation returns a new builder (the builder itself never changes), so
/// a program keeps the one it runs and derives the next desired state from it. Adding a part under an id
/// that exists replaces that part in place. <see cref="ToHocon"/> gives the topology file's text, and
/// <see cref="Build"/> parses and validates that text exactly as a file is (errors name the key).
/// </summary>
public sealed class TopologyBuilder
{
    private const string Nodes = "nodes", Cameras = "cameras", Clients = "clients", Masters = "masters";

    private readonly ImmutableDictionary<string, ImmutableList<BuiltPart>> _sections;

    public TopologyBuilder(string name)
        : this(name, ImmutableDictionary<string, ImmutableList<BuiltPart>>.Empty)
    {
    }

    private TopologyBuilder(string name, ImmutableDictionary<string, ImmutableList<BuiltPart>> sections)
    {
        ArgumentNullException.ThrowIfNull(name);
        Name = name;
        _sections = sections;
    }

    /// <summary>The topology's name: its rings are /dev/shm/valkka.NAME.*.</summary>
    public string Name { get; }

    public IReadOnlyList<string> NodeNames => Ids(Nodes);
    public IReadOnlyList<string> CameraIds => Ids(Cameras);
    public IReadOnlyList<string> ClientIds => Ids(Clients);
    public IReadOnlyList<string> MasterIds => Ids(Masters);

    /// <summary>A node (key valkka.nodes.NAME); host null: 127.0.0.1.</summary>
    public TopologyBuilder Node(string name, int port, string? host = null) =>
        With(Nodes, name, [new("host", host), new("port", port)]);

    /// <summary>A camera (key valkka.cameras.ID); decoder: the keys of its decoder object (threads, loop, stall-timeout, ...).</summary>
    public TopologyBuilder Camera(string id, string url, string node, FrameSize? size = null, int? ringSlots = null,
        DecodeMode? decode = null, IReadOnlyDictionary<string, object?>? decoder = null) =>
        With(Cameras, id,
        [
            new("url", url), new("node", node), new("size", size?.ToString()), new("ring-slots", ringSlots),
            new("decoder", decoder), new("decode", decode),
        ]);

    /// <summary>A client (key valkka.clients.ID) running an analyzer type this program references.</summary>
    public TopologyBuilder Client(string id, string node, IReadOnlyList<string> cameras, Type analyzer,
        IReadOnlyDictionary<string, object?>? settings = null, string? master = null, int? credit = null, double? fps = null,
        IReadOnlyDictionary<string, double>? cameraFps = null, FrameNotify? notify = null) =>
        Client(id, node, cameras, AnalyzerReference.Of(analyzer), settings, master, credit, fps, cameraFps, notify);

    /// <summary>A client (key valkka.clients.ID) running the analyzer named by reference (e.g. one in a plugin folder).</summary>
    public TopologyBuilder Client(string id, string node, IReadOnlyList<string> cameras, AnalyzerReference analyzer,
        IReadOnlyDictionary<string, object?>? settings = null, string? master = null, int? credit = null, double? fps = null,
        IReadOnlyDictionary<string, double>? cameraFps = null, FrameNotify? notify = null) =>
        With(Clients, id,
        [
            new("node", node), new("cameras", cameras), new("analyzer", AnalyzerKeys(analyzer, settings)), new("master", master),
            new("credit", credit), new("fps", fps),
            new("camera-fps", cameraFps?.ToDictionary(kv => kv.Key, kv => (object?)kv.Value)), new("notify", notify),
        ]);

    /// <summary>A master (key valkka.masters.ID) running a batch analyzer type this program references.</summary>
    public TopologyBuilder Master(string id, string node, Type analyzer, IReadOnlyDictionary<string, object?>? settings = null,
        int? maxBatchSize = null, TimeSpan? maxWait = null, int? maxInFlightPerClient = null, TimeSpan? analyzeTimeout = null) =>
        Master(id, node, AnalyzerReference.Of(analyzer), settings, maxBatchSize, maxWait, maxInFlightPerClient, analyzeTimeout);

    /// <summary>A master (key valkka.masters.ID) running the batch analyzer named by reference.</summary>
    public TopologyBuilder Master(string id, string node, AnalyzerReference analyzer, IReadOnlyDictionary<string, object?>? settings = null,
        int? maxBatchSize = null, TimeSpan? maxWait = null, int? maxInFlightPerClient = null, TimeSpan? analyzeTimeout = null)
    {
        Dictionary<string, object?>? batch = maxBatchSize is null && maxWait is null ? null
            : new() { ["max-size"] = maxBatchSize, ["max-wait"] = maxWait };
        return With(Masters, id,
        [
            new("node", node), new("analyzer", AnalyzerKeys(analyzer, settings)), new("batch", batch),
            new("max-in-flight-per-client", maxInFlightPerClient), new("analyze-timeout", analyzeTimeout),
        ]);
    }

    public TopologyBuilder WithoutNode(string name) => Without(Nodes, name);
    public TopologyBuilder WithoutCamera(string id) => Without(Cameras, id);
    public TopologyBuilder WithoutClient(string id) => Without(Clients, id);
    public TopologyBuilder WithoutMaster(string id) => Without(Masters, id);

    /// <summary>The topology file's text (root key valkka), every value quoted and escaped.</summary>
    public string ToHocon()
    {
        var errors = new List<TopologyError>();
        var text = new StringBuilder("valkka {\n").Append("  name = ").Append(HoconText.Quote(Name)).Append('\n');
        foreach (var section in new[] { Nodes, Cameras, Clients, Masters })
        {
            var parts = Parts(section);
            if (section == Masters && parts.Count == 0) continue;
            text.Append("  ").Append(section).Append(" {\n");
            foreach (var part in parts)
                text.Append("    ").Append(HoconText.Quote(part.Id)).Append(' ')
                    .Append(HoconText.WriteObject(part.Keys, $"valkka.{section}.{part.Id}", errors)).Append('\n');
            text.Append("  }\n");
        }
        if (errors.Count > 0) throw new TopologyException($"topology {Name} (built in code)", errors);
        return text.Append("}\n").ToString();
    }

    /// <summary>
    /// Parses and validates <see cref="ToHocon"/> as a topology file at sourcePath would be (relative analyzer
    /// folders against its folder; null: the current folder); what scope says of this machine is checked too.
    /// </summary>
    public TopologyParseResult Validate(ValidationScope scope, string? sourcePath = null)
    {
        string text;
        try
        {
            text = ToHocon();
        }
        catch (TopologyException e)
        {
            return new TopologyParseResult(null, e.Errors);
        }
        return TopologyLoader.LoadText(text, Name, sourcePath is null ? null : Path.GetFullPath(sourcePath), scope);
    }

    /// <summary>The validated definition; a <see cref="TopologyException"/> listing every error (by key) otherwise.</summary>
    public TopologyDefinition Build(ValidationScope scope, string? sourcePath = null)
    {
        var result = Validate(scope, sourcePath);
        return result.Topology ?? throw new TopologyException($"topology {Name} (built in code)", result.Errors);
    }

    public override string ToString() => ToHocon();

    private static Dictionary<string, object?> AnalyzerKeys(AnalyzerReference analyzer, IReadOnlyDictionary<string, object?>? settings)
    {
        ArgumentNullException.ThrowIfNull(analyzer);
        return new() { ["type"] = analyzer.TypeName, ["path"] = analyzer.Folder, ["settings"] = settings };
    }

    private ImmutableList<BuiltPart> Parts(string section) =>
        _sections.TryGetValue(section, out var parts) ? parts : ImmutableList<BuiltPart>.Empty;

    private IReadOnlyList<string> Ids(string section) => Parts(section).Select(p => p.Id).ToList();

    private TopologyBuilder With(string section, string id, KeyValuePair<string, object?>[] keys)
    {
        ArgumentNullException.ThrowIfNull(id);
        var parts = Parts(section);
        var part = new BuiltPart(id, keys);
        var index = parts.FindIndex(p => p.Id == id);
        return new TopologyBuilder(Name, _sections.SetItem(section, index < 0 ? parts.Add(part) : parts.SetItem(index, part)));
    }

    private TopologyBuilder Without(string section, string id)
    {
        var parts = Parts(section);
        var index = parts.FindIndex(p => p.Id == id);
        return index < 0 ? this : new TopologyBuilder(Name, _sections.SetItem(section, parts.RemoveAt(index)));
    }
}
