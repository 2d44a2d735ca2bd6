namespace Valkka.Actors.Topology;

/// <summary>
/// The fixed names that let nodes find each other from a topology alone: every node's system is
/// "valkka", actors live at /user/camera-ID, /user/client-ID and /user/master-ID, and the rings of
/// topology T are /dev/shm/valkka.T.NAME with the ring names below.
/// </summary>
public static class ActorPaths
{
    public const string SystemName = "valkka";

    public static string CameraName(string id) => "camera-" + id;
    public static string ClientName(string id) => "client-" + id;
    public static string MasterName(string id) => "master-" + id;

    /// <summary>The relay of camera id on a host other than the camera's (a camera actor too, decoding what the camera's host sends).</summary>
    public static string RelayName(string cameraId) => "relay-" + cameraId;

    /// <summary>The ring of the relay of a placed camera: not the camera's own name, since the camera may come to this host while the relay still runs.</summary>
    public static string PlacedRelayRingName(string cameraId) => "relay-" + cameraId;

    /// <summary>The node's actor that starts and stops the relays of placed cameras as they move between hosts.</summary>
    public const string PlacedRelaysName = "placed-relays";

    /// <summary>The child of a camera actor that sends its encoded stream to relays on other hosts.</summary>
    public const string EncodedStreamName = "encoded";

    /// <summary>The child of a relay camera actor that links it to the camera on the camera's own host.</summary>
    public const string RelayUpstreamName = "upstream";

    /// <summary>The node's actor that stops it when peers quarantined it or the process did not run for too long.</summary>
    public const string QuarantineWatcherName = "quarantine-watcher";

    /// <summary>The cluster singleton's manager on each node; the singleton decides where placed cameras run.</summary>
    public const string PlacementName = "placement";

    /// <summary>The node's actor that starts and stops the placed cameras (and their clients) the placement gave this node.</summary>
    public const string PlacedPartsName = "placed-parts";

    /// <summary>The node's actor that stops its placed parts when the node has been in a minority too long (a partition).</summary>
    public const string MinorityFenceName = "minority-fence";

    /// <summary>The node's actor that logs the cluster's membership as this node sees it.</summary>
    public const string ClusterLogName = "cluster-log";

    /// <summary>The node's actor that spreads desired-state changes between the launchers of different hosts.</summary>
    public const string DesiredStateName = "desired-state";

    /// <summary>The node's actor that tells a restarted node whether this node is a member of a cluster.</summary>
    public const string JoinProbeName = "join-probe";

    /// <summary>A restarted node's actor that may start the cluster only when no other node is in one.</summary>
    public const string RestartJoinName = "restart-join";

    /// <summary>The ring a camera decodes into.</summary>
    public static string CameraRingName(string cameraId) => Valkka.Shm.CameraRings.RingName(cameraId);

    /// <summary>The ring a client writes the derived frames it forwards to its master into.</summary>
    public static string DerivedRingName(string clientId) => "client-" + clientId;

    /// <summary>The n-th same-host message queue an actor (client or master) offered a peer.</summary>
    public static string QueueName(string ownerId, int n) => $"mq-{ownerId}-{n}";

    public static string Remote(NodeDefinition node, string actorName) => $"{node.Address}/user/{actorName}";
}
