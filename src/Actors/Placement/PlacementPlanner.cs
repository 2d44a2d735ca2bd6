namespace Valkka.Actors.Placement;

/// <summary>
/// Decides which member runs each placed camera (pure logic; the cluster's placement singleton calls it). A camera
/// stays where it is while its member is up and has its role; the others (new, or their member is gone) go one by
/// one, heaviest first, to the member of their role with the least weight so far (ties: the member's name), so a
/// lost member's cameras spread over the survivors. To even out load (a member that came back, or joined, has none)
/// <see cref="Rebalance"/> moves one camera at a time, and only while that is worth it.
/// </summary>
public static class PlacementPlanner
{
    /// <summary>camera id -> member name; a camera no member of its role can take is left out.</summary>
    public static Dictionary<string, string> Plan(IReadOnlyList<PlacedCamera> cameras, IReadOnlyList<PlacementMember> members,
        IReadOnlyDictionary<string, string> current)
    {
        var load = members.ToDictionary(m => m.Name, _ => 0L, StringComparer.Ordinal);
        var byName = members.ToDictionary(m => m.Name, StringComparer.Ordinal);
        var plan = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var camera in cameras)
        {
            if (current.TryGetValue(camera.Id, out var node) && byName.TryGetValue(node, out var member) && member.Roles.Contains(camera.Role))
            {
                plan[camera.Id] = node;
                load[node] += camera.Weight;
            }
        }
        foreach (var camera in cameras.Where(c => !plan.ContainsKey(c.Id)).OrderByDescending(c => c.Weight).ThenBy(c => c.Id, StringComparer.Ordinal))
        {
            string? best = null;
            foreach (var m in members)
            {
                if (!m.Roles.Contains(camera.Role)) continue;
                if (best is null || load[m.Name] < load[best] || (load[m.Name] == load[best] && string.CompareOrdinal(m.Name, best) < 0)) best = m.Name;
            }
            if (best is null) continue;
            plan[camera.Id] = best;
            load[best] += camera.Weight;
        }
        return plan;
    }

    /// <summary>
    /// The move of one camera of the same role from the most loaded member to the least loaded one when their
    /// difference exceeds 1.5 times the camera's weight (so the move shrinks it by a margin); the lightest camera of
    /// the most loaded member is moved. Null when no move is worth it.
    /// </summary>
    public static PlacementMove? Rebalance(IReadOnlyList<PlacedCamera> cameras, IReadOnlyList<PlacementMember> members,
        IReadOnlyDictionary<string, string> plan)
    {
        PlacementMove? best = null;
        long bestGain = 0;
        foreach (var role in cameras.Select(c => c.Role).Distinct())
        {
            var eligible = members.Where(m => m.Roles.Contains(role)).Select(m => m.Name).ToList();
            if (eligible.Count < 2) continue;
            var load = eligible.ToDictionary(n => n, n => cameras.Where(c => plan.TryGetValue(c.Id, out var at) && at == n).Sum(c => c.Weight));
            var max = eligible.OrderByDescending(n => load[n]).ThenBy(n => n, StringComparer.Ordinal).First();
            var min = eligible.OrderBy(n => load[n]).ThenBy(n => n, StringComparer.Ordinal).First();
            var candidate = cameras.Where(c => c.Role == role && plan.TryGetValue(c.Id, out var at) && at == max)
                .OrderBy(c => c.Weight).ThenBy(c => c.Id, StringComparer.Ordinal).FirstOrDefault();
            if (candidate is null) continue;
            var diff = load[max] - load[min];
            if (diff <= 1.5 * candidate.Weight || diff <= bestGain) continue;
            (best, bestGain) = (new PlacementMove(candidate.Id, max, min), diff);
        }
        return best;
    }
}
