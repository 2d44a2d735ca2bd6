namespace Valkka.Shm;

/// <summary>
/// The ring a camera decodes into, <c>/dev/shm/valkka.&lt;topology&gt;.cam-&lt;camera&gt;</c>, found by
/// camera id alone for readers that know no topology (a script or a notebook on the camera's host).
/// </summary>
public static class CameraRings
{
    /// <summary>The prefix of a camera's ring name (the camera actors' rings, Valkka.Actors.Topology.ActorPaths).</summary>
    public const string RingPrefix = "cam-";

    public static string RingName(string cameraId) => RingPrefix + cameraId;

    /// <summary>
    /// The path of camera cameraId's ring: in topology when given, else the one ring of that camera
    /// in the shm directory whose owner runs.
    /// </summary>
    /// <exception cref="RingException">NotFound (no such ring, or only rings of dead owners),
    /// InvalidArgument (a bad name, or live rings of that camera in several topologies).</exception>
    public static string Find(string cameraId, string? topology = null, string shmDirectory = RingPaths.ShmDirectory)
    {
        RingPaths.ValidateName(cameraId, "camera");
        if (topology is not null)
        {
            string path = Path.Combine(shmDirectory, $"{RingPaths.FilePrefix}{Checked(topology)}.{RingName(cameraId)}");
            return File.Exists(path) ? path
                : throw new RingException(RingErrorKind.NotFound, $"Camera {cameraId} of topology {topology} has no ring ({path} does not exist).");
        }
        string suffix = "." + RingName(cameraId);
        var candidates = Directory.Exists(shmDirectory)
            ? Directory.EnumerateFiles(shmDirectory, RingPaths.FilePrefix + "*" + suffix)
                .Where(p => IsTopologyRing(Path.GetFileName(p), suffix)).Order(StringComparer.Ordinal).ToList()
            : [];
        var live = candidates.Where(IsOwnerAlive).ToList();
        return live.Count switch
        {
            1 => live[0],
            0 when candidates.Count == 0 => throw new RingException(RingErrorKind.NotFound,
                $"No ring of camera {cameraId} in {shmDirectory}: is a topology with camera {cameraId} running on this host?"),
            0 => throw new RingException(RingErrorKind.NotFound,
                $"The rings of camera {cameraId} ({string.Join(", ", candidates.Select(Path.GetFileName))}) belong to processes that are gone."),
            _ => throw new RingException(RingErrorKind.InvalidArgument,
                $"Camera {cameraId} has rings in several running topologies ({string.Join(", ", live.Select(Path.GetFileName))}): name the topology."),
        };
    }

    private static string Checked(string topology)
    {
        RingPaths.ValidateName(topology, "topology");
        return topology;
    }

    // "valkka.<topology>.cam-<id>" with a topology name (no dots), not a ring being created.
    private static bool IsTopologyRing(string name, string suffix)
    {
        string topology = name[RingPaths.FilePrefix.Length..^suffix.Length];
        return topology.Length > 0 && !topology.Contains('.', StringComparison.Ordinal);
    }

    private static bool IsOwnerAlive(string path) =>
        RingFile.TryReadHeader(path) is { } h && RingFile.HasMagic(h) && ProcessIdentity.IsAlive(h.OwnerPid, h.OwnerStartTime);
}
