using Akka.Configuration;
using Valkka.Actors.Metrics;

namespace Valkka.Nodes.Node;

/// <summary>
/// What a node runtime needs from its process: the host identity its rings are shared under (read once,
/// where the process starts), where its actors record histograms, and Akka settings over the node's own.
/// </summary>
public sealed record NodeRuntimeOptions(string HostIdentity)
{
    public ValkkaInstruments? Instruments { get; init; }

    /// <summary>
    /// This process is a restart of its node (its launcher started it again after it exited): it never starts a
    /// cluster alone (<see cref="RestartJoin"/>). False: a fresh start, where the first seed may start the cluster.
    /// </summary>
    public bool Restarted { get; init; }

    /// <summary>Akka settings that take precedence over the node's (null: none).</summary>
    public Config? Extra { get; init; }

    /// <summary>This host's identity (<see cref="Valkka.Actors.Node.HostIdentity"/>), read now.</summary>
    public static NodeRuntimeOptions ForThisHost() => new(Valkka.Actors.Node.HostIdentity.Current);
}
