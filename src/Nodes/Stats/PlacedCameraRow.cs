namespace Valkka.Nodes.Stats;

/// <summary>
/// One placed camera in the cluster's placement, as a node's replica has it (every host's cameras, not only this
/// node's): the node the placement gives it ("" while it moves), that node's host, and the node that reported it
/// runs it (null: none yet, or none any more).
/// </summary>
public sealed record PlacedCameraRow(string CameraId, string Node, string Host, string? RunningOn);
