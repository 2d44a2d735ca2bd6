using Valkka.Actors.Topology;

namespace Valkka.Nodes.Cli;

/// <summary>Loads a topology file for a command, printing every error as "FILE: PATH: message".</summary>
public static class TopologyFile
{
    public static TopologyDefinition? Load(string file, ValidationScope scope, IReadOnlyDictionary<string, int> ports)
    {
        var unknownPorts = new List<TopologyError>();
        var result = TopologyLoader.Load(file, scope, t =>
        {
            unknownPorts.AddRange(PortOverrides.Unknown(t, ports));
            return t.WithPorts(ports);
        });
        var errors = unknownPorts.Concat(result.Errors).ToList();
        if (errors.Count == 0 && result.Topology is not null) return result.Topology;
        foreach (var error in errors) Console.Error.WriteLine($"{file}: {error}");
        Console.Error.WriteLine($"{file}: {errors.Count} error(s); nothing was started");
        return null;
    }
}
