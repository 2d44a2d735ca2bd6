using System.Globalization;
using Valkka.Actors.Topology;

namespace Valkka.Nodes.Cli;

/// <summary>--port NODE=PORT options: parsed, and applied to a topology (unknown nodes are errors).</summary>
public static class PortOverrides
{
    public static bool TryParse(IEnumerable<string> values, out Dictionary<string, int> ports, out string? error) =>
        TryParse("--port", values, out ports, out error);

    public static bool TryParse(string option, IEnumerable<string> values, out Dictionary<string, int> ports, out string? error)
    {
        ports = new Dictionary<string, int>();
        error = null;
        foreach (var value in values)
        {
            var eq = value.IndexOf('=');
            if (eq <= 0 || !int.TryParse(value[(eq + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            {
                error = $"{option} {value}: expected NODE=PORT with PORT from 1 to 65535";
                return false;
            }
            ports[value[..eq]] = port;
        }
        return true;
    }

    public static IReadOnlyList<TopologyError> Unknown(TopologyDefinition topology, IReadOnlyDictionary<string, int> ports,
        string option = "--port") =>
        ports.Keys.Where(n => topology.Nodes.All(d => d.Name != n))
            .Select(n => new TopologyError(option, $"no node \"{n}\" (known: {string.Join(", ", topology.Nodes.Select(d => d.Name))})"))
            .ToList();
}
