using Akka.Configuration;
using Valkka.Actors.Topology;

namespace Valkka.Nodes.Hosting;

/// <summary>Starts the actors of a topology in this process (see <see cref="AkkaNodeRuntime"/>).</summary>
public static class NodeRuntimes
{
    public static INodeRuntime StartNode(TopologyDefinition topology, string node) =>
        AkkaNodeRuntime.StartNode(topology, node);

    /// <summary>Every node in this process; quiet keeps Akka's INFO lines off the console (live table).</summary>
    public static INodeRuntime StartInProcess(TopologyDefinition topology, bool quiet) =>
        AkkaNodeRuntime.StartInProcess(topology, quiet ? ConfigurationFactory.ParseString("akka.loglevel = WARNING") : null);
}
