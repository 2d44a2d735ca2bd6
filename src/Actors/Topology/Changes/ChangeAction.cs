namespace Valkka.Actors.Topology.Changes;

/// <summary>What a new desired state does to one node, camera, client or master.</summary>
public enum ChangeAction
{
    Added,
    Removed,
    Changed,
}
