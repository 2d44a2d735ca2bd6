using System.Globalization;

namespace Valkka.Shm;

/// <summary>Removes rings left behind by processes that are gone (e.g. after kill -9).</summary>
public static class RingSweeper
{
    /// <summary>
    /// Removes every valkka.* ring in shmDirectory whose owner process is gone (dead pid, or pid reused:
    /// different start time), and half-made rings of dead creators. Returns the paths removed. Never
    /// touches rings of live owners, nor files it cannot read as rings. With a topology, only that
    /// topology's rings (valkka.TOPOLOGY.*) are looked at.
    /// </summary>
    public static IReadOnlyList<string> SweepStale(string shmDirectory = RingPaths.ShmDirectory, string? topology = null)
    {
        var removed = new List<string>();
        IEnumerable<string> candidates;
        try
        {
            candidates = Directory.EnumerateFiles(shmDirectory, RingPaths.FilePrefix + (topology is null ? "*" : topology + ".*"));
        }
        catch (DirectoryNotFoundException)
        {
            return removed;
        }
        foreach (string path in candidates)
        {
            if (IsStale(path) && TryDelete(path))
            {
                removed.Add(path);
            }
        }
        return removed;
    }

    /// <summary>True when path is a ring (or half-made ring) whose owner process is gone.</summary>
    public static bool IsStale(string path)
    {
        string name = System.IO.Path.GetFileName(path);
        int marker = name.LastIndexOf(RingCreator.CreatingMarker, StringComparison.Ordinal);
        if (marker >= 0)
        {
            // A ring being made by the pid in its name ("...creating-PID-N"); its header may not be written yet.
            var rest = name.AsSpan(marker + RingCreator.CreatingMarker.Length);
            int dash = rest.IndexOf('-');
            return int.TryParse(dash < 0 ? rest : rest[..dash], NumberStyles.None,
                                CultureInfo.InvariantCulture, out int creator) &&
                   ProcessIdentity.ReadStartTime(creator) is null;
        }
        var header = RingFile.TryReadHeader(path);
        if (header is not { } h || !RingFile.HasMagic(h))
        {
            return false;
        }
        if (ProcessIdentity.IsAlive(h.OwnerPid, h.OwnerStartTime))
        {
            return false;
        }
        // Read again just before deciding: a new owner may have replaced the ring in the meantime.
        var again = RingFile.TryReadHeader(path);
        return again is { } a && a.OwnerPid == h.OwnerPid && a.OwnerStartTime == h.OwnerStartTime &&
               a.CreatedUnixMs == h.CreatedUnixMs;
    }

    private static bool TryDelete(string path)
    {
        try
        {
            if (!File.Exists(path))
            {
                return false;
            }
            File.Delete(path);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
