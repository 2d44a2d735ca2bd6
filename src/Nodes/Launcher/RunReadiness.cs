using Valkka.Actors.Topology;
using Valkka.Nodes.Stats;

namespace Valkka.Nodes.Launcher;

/// <summary>
/// When a run counts as up: every node of this machine reports, every camera streams and every client
/// is attached to its cameras (starting a node or opening a camera can take seconds), or the startup
/// timeout has passed. `--duration` counts from then.
/// </summary>
internal sealed class RunReadiness(TopologyDefinition topology, IReadOnlyList<NodeDefinition> here, TimeSpan startupTimeout)
{
    private readonly HashSet<string> _names = here.Select(n => n.Name).ToHashSet();

    public bool IsUp { get; private set; }

    /// <summary>True the first time the run is up (or the timeout passed); say says which.</summary>
    public bool BecameUp(StatsBoard board, TimeSpan elapsed, Action<string> say)
    {
        if (IsUp) return false;
        var up = board.NodesReported >= here.Count
                 && board.AllStreaming(topology.Cameras.Count(c => _names.Contains(c.Node)))
                 && board.AllAttached(topology.Clients.Where(c => _names.Contains(c.Node)).ToDictionary(c => c.Id, c => c.Cameras.Count));
        if (!up && elapsed < startupTimeout) return false;
        IsUp = true;
        say(up ? $"all {here.Count} nodes of this machine up, their cameras streaming and clients attached after {elapsed.TotalSeconds:0.0}s"
               : $"not everything is up (nodes, cameras streaming, clients attached) after {startupTimeout.TotalSeconds:0}s; running anyway");
        return true;
    }
}
