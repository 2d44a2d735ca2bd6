using Akka.DistributedData;

namespace Valkka.Nodes.Placement;

/// <summary>
/// Where the placement is kept: one Distributed Data map, camera id -> node name, that every member replicates;
/// only the placement singleton writes it, and each node reads its own share from it. A second map says what
/// each node really runs.
/// </summary>
internal static class PlacementData
{
    public static readonly LWWDictionaryKey<string, string> Key = new("valkka-placement");

    /// <summary>
    /// What runs where, camera id -> node name, written by each node's <see cref="PlacedParts"/> once it started a
    /// camera and removed once it stopped it: a camera moves to its new node only after its old one stopped it.
    /// </summary>
    public static readonly LWWDictionaryKey<string, string> RunningKey = new("valkka-placement-running");

    /// <summary>
    /// How many times the placement moved each camera to another node (a lost node's cameras, one moved to even out
    /// load or for a new role; the first placement is not a move), counted by the placement singleton.
    /// </summary>
    public static readonly PNCounterDictionaryKey<string> MovesKey = new("valkka-placement-moves");

    /// <summary>The placement's value for a camera that is being moved: no node runs it until its old node stopped it.</summary>
    public const string Moving = "";

    /// <summary>Writes wait for a majority of members (at most this long); a write that times out still spreads by gossip.</summary>
    public static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(3);
}
