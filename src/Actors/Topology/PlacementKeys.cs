namespace Valkka.Actors.Topology;

/// <summary>
/// The placement keys: a camera's or a master's placement { role = R } (instead of node), and a client's placement =
/// with-camera (instead of node: it runs on the node its one camera is placed on).
/// </summary>
internal static class PlacementKeys
{
    public const string WithCamera = "with-camera";

    /// <summary>The camera's or master's placement (kind: "camera" or "master"), or null when it names a node.</summary>
    public static PlacementDefinition? Read(HoconSection part, string kind, IReadOnlyList<NodeDefinition> nodes)
    {
        if (!part.Has("placement")) return null;
        if (part.Has("node")) part.Error("placement", $"a {kind} has either node or placement, not both");
        var section = part.Object("placement", required: true);
        if (section is null) return null;
        section.RejectUnknownKeys("role");
        var role = section.String("role", required: true);
        if (role is null) return null;
        if (nodes.Count > 0 && nodes.All(n => !n.Roles.Contains(role)))
            section.Error("role", $"no node has role \"{role}\" (give nodes roles = [{role}])");
        return new PlacementDefinition(role);
    }

    /// <summary>True when the client says placement = with-camera.</summary>
    public static bool ReadClient(HoconSection client)
    {
        if (!client.Has("placement")) return false;
        if (client.Has("node")) client.Error("placement", "a client has either node or placement, not both");
        var value = client.String("placement", required: true);
        if (value == WithCamera) return true;
        client.Error("placement", $"must be {WithCamera} (the client runs on the node its camera is placed on), got \"{value}\"");
        return false;
    }

    /// <summary>What placed parts may not do: a client placed with-camera reads exactly one camera, and that one is placed.</summary>
    public static IEnumerable<TopologyError> Check(IReadOnlyList<CameraDefinition> cameras, IReadOnlyList<ClientDefinition> clients)
    {
        var placed = cameras.Where(c => c.Placement is not null).Select(c => c.Id).ToHashSet();
        foreach (var client in clients)
        {
            var path = $"valkka.clients.{client.Id}";
            if (client.WithCamera && (client.Cameras.Count != 1 || !placed.Contains(client.Cameras[0])))
                yield return new TopologyError(path + ".placement", "a client placed with-camera reads exactly one camera, and that camera has a placement");
        }
    }
}
