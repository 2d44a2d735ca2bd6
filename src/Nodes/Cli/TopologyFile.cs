using Valkka.Actors.Topology;

namespace Valkka.Nodes.Cli;

/// <summary>Loads a topology file for a command, printing every error as "FILE: PATH: message".</summary>
public static class TopologyFile
{
    /// <param name="metricsPorts">--metrics-port NODE=PORT values (an error when the file has no key metrics).</param>
    /// <param name="sourcePath">The file relative paths are resolved against (null: file itself).</param>
    public static TopologyDefinition? Load(string file, ValidationScope scope, IReadOnlyDictionary<string, int> ports,
        IReadOnlyDictionary<string, int>? metricsPorts = null, string? sourcePath = null)
    {
        var unknownPorts = new List<TopologyError>();
        var result = TopologyLoader.Load(file, sourcePath ?? file, scope, t =>
        {
            unknownPorts.AddRange(PortOverrides.Unknown(t, ports));
            if (metricsPorts is { Count: > 0 })
            {
                unknownPorts.AddRange(PortOverrides.Unknown(t, metricsPorts, "--metrics-port"));
                if (t.Metrics is null) unknownPorts.Add(new TopologyError("--metrics-port", "the topology has no key metrics { port = ... } to serve metrics"));
            }
            return t.WithPorts(ports).WithMetricsPorts(metricsPorts ?? new Dictionary<string, int>());
        });
        var errors = unknownPorts.Concat(result.Errors).ToList();
        if (errors.Count == 0 && result.Topology is not null) return result.Topology;
        foreach (var error in errors) Console.Error.WriteLine($"{file}: {error}");
        Console.Error.WriteLine($"{file}: {errors.Count} error(s); nothing was started");
        return null;
    }
}
