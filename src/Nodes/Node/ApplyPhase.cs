namespace Valkka.Nodes.Node;

/// <summary>
/// A change is carried out in two phases over all nodes: first every node stops what the change removes
/// or changes (clients, then masters, then cameras), then every node starts what it adds or changes
/// (cameras, then masters, then clients), so no reader starts against a camera about to stop.
/// </summary>
public enum ApplyPhase
{
    Stop,
    Start,
}
