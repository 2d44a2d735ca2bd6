using Valkka.Shm;

namespace Valkka.Nodes.Hosting;

/// <summary>
/// Removes rings whose owner process is gone. A node sweeps the rings of its own topology when it
/// starts (those are the ones it would meet); `valkka clean` sweeps every topology's, or one.
/// </summary>
public static class StaleRings
{
    public static IReadOnlyList<string> Sweep(string? topology)
    {
        if (topology is null) return RingSweeper.SweepStale();
        var removed = new List<string>();
        foreach (var path in Directory.EnumerateFiles(RingPaths.ShmDirectory, $"{RingPaths.FilePrefix}{topology}.*"))
        {
            if (!RingSweeper.IsStale(path)) continue;
            try
            {
                File.Delete(path);
                removed.Add(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // gone already, or not ours to delete: leave it
            }
        }
        return removed;
    }
}
