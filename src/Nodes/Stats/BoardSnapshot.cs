namespace Valkka.Nodes.Stats;

public sealed record BoardSnapshot(
    IReadOnlyDictionary<string, Totals<CameraRow>> Cameras,
    IReadOnlyDictionary<string, Totals<ClientRow>> Clients,
    IReadOnlyDictionary<string, Totals<MasterRow>> Masters,
    IReadOnlyDictionary<string, int> Restarts,
    IReadOnlyDictionary<string, string> NodeStates,
    IReadOnlyDictionary<(string Client, string Camera), long> WindowAnalyzedPerCamera)
{
    /// <summary>Relays by "node/camera" (the relay's id).</summary>
    public IReadOnlyDictionary<string, Totals<RelayRow>> Relays { get; init; } = new Dictionary<string, Totals<RelayRow>>();

    /// <summary>What cameras' publishers sent, by "camera->relay id".</summary>
    public IReadOnlyDictionary<string, Totals<PublisherRow>> Publishers { get; init; } = new Dictionary<string, Totals<PublisherRow>>();

    /// <summary>Where the cluster places every placed camera of every host (the latest node report's); empty when nothing is placed.</summary>
    public IReadOnlyList<PlacedCameraRow> ClusterPlacement { get; init; } = [];
}
