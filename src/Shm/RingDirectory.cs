using System.Numerics;

namespace Valkka.Shm;

/// <summary>Lists the rings in a shm directory (read-only: never maps, leases or removes).</summary>
internal static class RingDirectory
{
    public static IReadOnlyList<RingStatus> List(string shmDirectory = RingPaths.ShmDirectory)
    {
        var rings = new List<RingStatus>();
        if (!Directory.Exists(shmDirectory))
        {
            return rings;
        }
        foreach (string path in Directory.EnumerateFiles(shmDirectory, RingPaths.FilePrefix + "*").Order(StringComparer.Ordinal))
        {
            if (path.Contains(RingCreator.CreatingMarker, StringComparison.Ordinal))
            {
                continue;
            }
            rings.Add(Inspect(path));
        }
        return rings;
    }

    public static RingStatus Inspect(string path)
    {
        long length = File.Exists(path) ? new FileInfo(path).Length : 0;
        var header = RingFile.TryReadHeader(path);
        string? problem = null;
        try
        {
            RingFile.Validate(path, header, length);
        }
        catch (RingException e)
        {
            problem = e.Message;
        }
        if (header is not { } h || !RingFile.HasMagic(h))
        {
            return new RingStatus(path, 0, false, 0, 0, 0, 0, 0, problem ?? "not a valkka ring");
        }
        bool alive = ProcessIdentity.IsAlive(h.OwnerPid, h.OwnerStartTime);
        if (!alive && problem is null)
        {
            problem = ProcessIdentity.DescribeOwner(h.OwnerPid, h.OwnerStartTime);
        }
        return new RingStatus(path, h.OwnerPid, alive, h.SlotCount, h.SlotCapacity, h.FramesWritten, h.FramesDropped,
                              BitOperations.PopCount(h.ReaderMask), problem);
    }
}
