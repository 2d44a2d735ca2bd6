using Valkka.Actors.Topology;

namespace Valkka.Chaos.Faults;

/// <summary>
/// Fault 5: another process (this one) writes random bytes over the first 4 KiB of a camera's ring
/// file (its header and slot table). Readers must refuse it with a clear error and nobody may
/// crash; the owner recreates the ring (clients flow again) or reports it.
/// </summary>
public sealed class RingGarbageFault : IFault
{
    private const int Garbage = 4096;

    public string Name => FaultNames.RingGarbage;

    public Task<Injection> InjectAsync(ChaosContext context)
    {
        var prefix = $"valkka.{context.Topology.Definition.Name}.";
        var cameraIds = context.Topology.Definition.Cameras.Select(c => c.Id).ToHashSet();
        var rings = context.Topology.Rings();
        var cameraRings = rings.Where(r => cameraIds.Any(id => Path.GetFileName(r) == prefix + ActorPaths.CameraRingName(id))).ToList();
        if (rings.Count == 0) return Task.FromResult(Injection.Skipped("no ring of the topology in /dev/shm"));
        var ring = context.Pick(cameraRings.Count > 0 ? cameraRings : rings);
        var bytes = new byte[Garbage];
        context.Random.NextBytes(bytes);
        using (var stream = new FileStream(ring, FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
            stream.Write(bytes, 0, (int)Math.Min(bytes.Length, stream.Length));
        return Task.FromResult(new Injection($"{Path.GetFileName(ring)}: {Garbage} random bytes at 0", DateTimeOffset.UtcNow, [], MayRestart: false)
        {
            // An owner that only reports the broken ring leaves its removal to the operator.
            Cleanup = () => File.Delete(ring),
            ResetParts = Owners(context, Path.GetFileName(ring)[prefix.Length..]),
        });
    }

    // The camera whose ring it is and its clients (a ring that is not a camera's: every part, to be sure).
    private static IReadOnlySet<string> Owners(ChaosContext context, string ringName)
    {
        var t = context.Topology.Definition;
        var camera = t.Cameras.FirstOrDefault(c => ActorPaths.CameraRingName(c.Id) == ringName);
        if (camera is null) return t.Cameras.Select(c => c.Id).Concat(t.Clients.Select(c => c.Id)).Concat(t.Masters.Select(m => m.Id)).ToHashSet();
        return t.Clients.Where(c => c.Cameras.Contains(camera.Id)).Select(c => c.Id).Append(camera.Id).ToHashSet();
    }
}
