using Valkka.Actors.Analysis.Loading;

namespace Valkka.Actors.Topology;

/// <summary>Reads and validates a topology file: every error of the file at once, or a definition.</summary>
public static class TopologyLoader
{
    /// <summary>Loads path; adjust (e.g. ports given on the command line) applies before the machine checks.</summary>
    public static TopologyParseResult Load(string path, ValidationScope scope,
        Func<TopologyDefinition, TopologyDefinition>? adjust = null) => Load(path, path, scope, adjust);

    /// <summary>
    /// The topology in path, its relative paths (and its default name) taken as if it were the file at
    /// sourcePath: a running deployment's desired state is kept in a file of its own.
    /// </summary>
    public static TopologyParseResult Load(string path, string sourcePath, ValidationScope scope,
        Func<TopologyDefinition, TopologyDefinition>? adjust = null)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new TopologyParseResult(null, [new TopologyError("(file)", $"cannot read {path}: {e.Message}")]);
        }
        var fullPath = Path.GetFullPath(sourcePath);
        AnalyzerTypeLoader.AddProbeDirectory(Path.GetDirectoryName(fullPath)!);
        return LoadText(text, Path.GetFileNameWithoutExtension(sourcePath), fullPath, scope, adjust);
    }

    public static TopologyParseResult LoadText(string hocon, string defaultName, string? sourcePath, ValidationScope scope,
        Func<TopologyDefinition, TopologyDefinition>? adjust = null)
    {
        var parsed = TopologyParser.Parse(hocon, defaultName, sourcePath);
        if (parsed.Topology is null) return parsed;
        var topology = adjust is null ? parsed.Topology : adjust(parsed.Topology);
        var errors = parsed.Errors.ToList();
        errors.AddRange(TopologyParser.DuplicatePorts(topology.Nodes));
        if (scope.Nodes is { } names)
            errors.AddRange(names.Where(n => topology.Nodes.All(d => d.Name != n)).Select(n => new TopologyError("valkka.nodes",
                $"no node \"{n}\" (known: {string.Join(", ", topology.Nodes.Select(d => d.Name))})")));
        errors.AddRange(TopologyValidator.Validate(topology, scope));
        return errors.Count == 0 ? new TopologyParseResult(topology, errors) : new TopologyParseResult(null, errors);
    }

    /// <summary>Loads or throws a <see cref="TopologyException"/> that lists every error.</summary>
    public static TopologyDefinition LoadOrThrow(string path, ValidationScope scope)
    {
        var result = Load(path, scope);
        return result.Topology ?? throw new TopologyException(path, result.Errors);
    }
}
