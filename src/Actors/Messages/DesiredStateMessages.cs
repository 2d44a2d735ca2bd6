namespace Valkka.Actors.Messages;

// The desired-state conversation between the nodes of different hosts: a change applied on one host
// reaches the launchers of the others (each node's desired-state actor, ActorPaths.DesiredStateName).

/// <summary>
/// A deployment's desired state changed: the topology's whole HOCON text at Version, first applied on the
/// host whose identity is Origin. Receivers confirm with <see cref="DesiredStateReceived"/>.
/// </summary>
public sealed record DesiredStateChanged(int Version, string Text, string Origin);

/// <summary>The receiver has the state of Version and Origin (the sender stops sending it again).</summary>
public sealed record DesiredStateReceived(int Version, string Origin);

/// <summary>A launcher that (re)started asks its peers for their desired state, if it changed since they started.</summary>
public sealed record DesiredStateWanted
{
    public static readonly DesiredStateWanted Instance = new();
}
