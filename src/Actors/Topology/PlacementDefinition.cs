namespace Valkka.Actors.Topology;

/// <summary>
/// Key placement of a camera: instead of a node, the role of the nodes it may run on; the cluster's placement
/// (one decider for the whole cluster) chooses the node and moves it when that node is lost.
/// </summary>
public sealed record PlacementDefinition(string Role);
