using Valkka.Actors.Placement;

namespace Valkka.Nodes.Placement;

/// <summary>
/// The decider's rules for moves that a live change causes, and for counting moves. A camera that the plan takes from
/// a member that is still up (its placement role changed) leaves it the way a rebalancing move does: first to no
/// node (<see cref="PlacementData.Moving"/>), and to its new node once its old node stopped it, never two owners.
/// A move is counted when a camera gets a node other than the last node it was given (its first placement is not a
/// move).
/// </summary>
internal static class PlacementMoves
{
    public static void ThroughMoving(Dictionary<string, string> plan, IReadOnlyDictionary<string, string> current,
        IReadOnlyList<PlacementMember> members, Dictionary<string, string> moving)
    {
        foreach (var (camera, node) in plan.ToList())
        {
            if (node == PlacementData.Moving || !current.TryGetValue(camera, out var was) || was == PlacementData.Moving || was == node
                || members.All(m => m.Name != was))
                continue;
            moving[camera] = node;
            plan[camera] = PlacementData.Moving;
        }
    }

    /// <summary>The cameras of changed whose new node is a move; lastNode (camera -> the last node it was given) is brought up to date.</summary>
    public static List<string> Counted(IEnumerable<KeyValuePair<string, string>> changed, Dictionary<string, string> lastNode)
    {
        var moved = new List<string>();
        foreach (var (camera, node) in changed)
        {
            if (node == PlacementData.Moving) continue;
            if (lastNode.TryGetValue(camera, out var last) && last != node) moved.Add(camera);
            lastNode[camera] = node;
        }
        return moved;
    }
}
