using Valkka.Actors.Topology;
using Valkka.Nodes.Stats;

namespace Valkka.Nodes.Node;

/// <summary>
/// The actors of one or more nodes running in this process: started from a topology, asked for
/// their counters once a second, stopped cleanly (cameras stop decoding and unlink their rings).
/// </summary>
public interface INodeRuntime : IAsyncDisposable
{
    /// <summary>The names of the nodes this runtime runs.</summary>
    IReadOnlyList<string> Nodes { get; }

    /// <summary>Completes when the runtime has shut down, whatever the reason (SIGTERM, Stop, a fatal error).</summary>
    Task WhenTerminated { get; }

    /// <summary>True when the shutdown was asked for (StopAsync, SIGTERM), not caused by a failure.</summary>
    bool ShutdownRequested { get; }

    /// <summary>The topology it runs: the one it started with, then the latest one applied.</summary>
    TopologyDefinition Topology { get; }

    /// <summary>One phase of a change to desired on this runtime's nodes (<see cref="ApplyPhase"/>); what did not go as planned.</summary>
    Task<IReadOnlyList<string>> ApplyAsync(ApplyPhase phase, TopologyDefinition desired);

    /// <summary>One report per node, with the counters of every actor that answered in time.</summary>
    Task<IReadOnlyList<NodeReport>> CollectAsync(TimeSpan timeout);

    /// <summary>Runs the coordinated shutdown and waits for it.</summary>
    Task StopAsync();
}
