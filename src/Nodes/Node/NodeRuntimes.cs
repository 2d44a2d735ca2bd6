using Akka.Configuration;
using Valkka.Actors.Metrics;
using Valkka.Actors.Topology;

namespace Valkka.Nodes.Node;

/// <summary>Starts the actors of a topology in this process (see <see cref="AkkaNodeRuntime"/>).</summary>
public static class NodeRuntimes
{
    /// <param name="instruments">Where the node's actors record their histograms (null: nowhere).</param>
    /// <param name="restarted">This process is a restart of node (<see cref="NodeRuntimeOptions.Restarted"/>).</param>
    public static INodeRuntime StartNode(TopologyDefinition topology, string node, ValkkaInstruments? instruments = null, bool restarted = false) =>
        AkkaNodeRuntime.StartNode(topology, node, NodeRuntimeOptions.ForThisHost() with { Instruments = instruments, Restarted = restarted });

    /// <summary>Every node in this process; quiet keeps Akka's INFO lines off the console (live table).</summary>
    public static INodeRuntime StartInProcess(TopologyDefinition topology, bool quiet, ValkkaInstruments? instruments = null) =>
        AkkaNodeRuntime.StartInProcess(topology, NodeRuntimeOptions.ForThisHost() with
        {
            Instruments = instruments,
            Extra = quiet ? ConfigurationFactory.ParseString("akka.loglevel = WARNING") : null,
        });
}
