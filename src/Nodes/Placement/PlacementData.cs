using Akka.DistributedData;

namespace Valkka.Nodes.Placement;

/// <summary>
/// Where the placement is kept: one Distributed Data map, camera id -> node name, that every member replicates;
/// only the placement singleton writes it, and each node reads its own share from it.
/// </summary>
internal static class PlacementData
{
    public static readonly LWWDictionaryKey<string, string> Key = new("valkka-placement");

    /// <summary>Writes wait for a majority of members (at most this long); a write that times out still spreads by gossip.</summary>
    public static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(3);
}
