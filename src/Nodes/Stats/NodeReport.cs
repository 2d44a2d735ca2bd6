namespace Valkka.Nodes.Stats;

/// <summary>What one node reports once a second: the counters of every actor it runs.</summary>
public sealed record NodeReport(
    string Node,
    long AtUnixMs,
    IReadOnlyList<CameraRow> Cameras,
    IReadOnlyList<ClientRow> Clients,
    IReadOnlyList<MasterRow> Masters)
{
    /// <summary>The node process's managed heap after its last collection (GCMemoryInfo.HeapSizeBytes); 0: not reported.</summary>
    public long GcHeapBytes { get; init; }

    /// <summary>The relays this node runs for its host (cameras of other hosts decoded here).</summary>
    public IReadOnlyList<RelayRow> Relays { get; init; } = [];

    /// <summary>What this node's cameras sent to each relay of another host.</summary>
    public IReadOnlyList<PublisherRow> Publishers { get; init; } = [];

    /// <summary>The placed cameras and clients (placed with their camera) this node runs, answered in time or not.</summary>
    public IReadOnlyList<string> PlacedHere { get; init; } = [];

    /// <summary>Where the cluster places every placed camera of every host (this node's replica); null: the node places nothing.</summary>
    public IReadOnlyList<PlacedCameraRow>? ClusterPlacement { get; init; }
}
