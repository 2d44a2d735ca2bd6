namespace Valkka.Actors.Topology;

/// <summary>Reads and validates a topology file: every error of the file at once, or a definition.</summary>
public static class TopologyLoader
{
    public static TopologyParseResult Load(string path, ValidationScope scope)
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
        var fullPath = Path.GetFullPath(path);
        AnalyzerTypeLoader.AddProbeDirectory(Path.GetDirectoryName(fullPath)!);
        return LoadText(text, Path.GetFileNameWithoutExtension(path), fullPath, scope);
    }

    public static TopologyParseResult LoadText(string hocon, string defaultName, string? sourcePath, ValidationScope scope)
    {
        var parsed = TopologyParser.Parse(hocon, defaultName, sourcePath);
        if (parsed.Topology is null) return parsed;
        if (scope.Nodes is { } names)
        {
            var unknown = names.Where(n => parsed.Topology.Nodes.All(d => d.Name != n)).ToList();
            if (unknown.Count > 0)
                return new TopologyParseResult(null, unknown.Select(n => new TopologyError("valkka.nodes",
                    $"no node \"{n}\" (known: {string.Join(", ", parsed.Topology.Nodes.Select(d => d.Name))})")).ToList());
        }
        var errors = TopologyValidator.Validate(parsed.Topology, scope);
        return errors.Count == 0 ? parsed : new TopologyParseResult(null, errors);
    }

    /// <summary>Loads or throws a <see cref="TopologyException"/> that lists every error.</summary>
    public static TopologyDefinition LoadOrThrow(string path, ValidationScope scope)
    {
        var result = Load(path, scope);
        return result.Topology ?? throw new TopologyException(path, result.Errors);
    }
}
