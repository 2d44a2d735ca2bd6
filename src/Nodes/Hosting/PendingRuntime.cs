using Valkka.Actors.Topology;

namespace Valkka.Nodes.Hosting;

// TEMPORARY until the actors branch builds (media not merged yet): replaced by AkkaNodeRuntime.
public static class NodeRuntimes
{
    public static INodeRuntime StartNode(TopologyDefinition topology, string node, Action<string> log) =>
        throw new NotSupportedException("actors are not merged yet");

    public static INodeRuntime StartInProcess(TopologyDefinition topology, Action<string> log) =>
        throw new NotSupportedException("actors are not merged yet");
}
