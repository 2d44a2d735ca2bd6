namespace Valkka.Actors.Topology;

/// <summary>
/// The fixed names that let nodes find each other from a topology alone: every node's system is
/// "valkka", and actors live at /user/camera-ID, /user/client-ID and /user/master-ID.
/// </summary>
public static class ActorPaths
{
    public const string SystemName = "valkka";

    public static string CameraName(string id) => "camera-" + id;
    public static string ClientName(string id) => "client-" + id;
    public static string MasterName(string id) => "master-" + id;

    public static string Remote(NodeDefinition node, string actorName) => $"{node.Address}/user/{actorName}";
}
