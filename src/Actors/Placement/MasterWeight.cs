using Valkka.Actors.Topology;

namespace Valkka.Actors.Placement;

/// <summary>
/// What a placed master costs the node that runs it, in the cameras' unit (<see cref="CameraWeight"/>): its batches
/// are the frames its clients forward, so the pixels per second of every camera they read, an upper bound (a client
/// forwards some of its frames); a master no client forwards to yet counts as one default camera.
/// </summary>
public static class MasterWeight
{
    public static long Of(TopologyDefinition topology, string masterId)
    {
        var weight = topology.Clients.Where(c => c.Master == masterId).SelectMany(c => c.Cameras).Distinct()
            .Sum(id => CameraWeight.Of(topology.Camera(id)));
        return weight > 0 ? weight : (long)(CameraWeight.DefaultWidth * (double)CameraWeight.DefaultHeight * CameraWeight.DefaultFps);
    }
}
