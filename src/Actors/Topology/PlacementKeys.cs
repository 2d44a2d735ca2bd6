namespace Valkka.Actors.Topology;

/// <summary>
/// The placement keys: a camera's placement { role = R } (instead of node), and a client's placement = with-camera
/// (instead of node: it runs on the node its one camera is placed on).
/// </summary>
internal static class PlacementKeys
{
    public const string WithCamera = "with-camera";

    /// <summary>The camera's placement, or null when it names a node.</summary>
    public static PlacementDefinition? ReadCamera(HoconSection camera, IReadOnlyList<NodeDefinition> nodes)
    {
        if (!camera.Has("placement")) return null;
        if (camera.Has("node")) camera.Error("placement", "a camera has either node or placement, not both");
        var section = camera.Object("placement", required: true);
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

    /// <summary>A master's placement key: not supported yet (a master is pinned to a node; placed clients find it there).</summary>
    public static void RejectMaster(HoconSection master)
    {
        if (master.Has("placement"))
            master.Error("placement", "a master cannot be placed by the cluster yet: give it node = N (clients placed with their cameras find it there, on any host)");
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
