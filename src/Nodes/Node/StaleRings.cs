using Valkka.Shm;

namespace Valkka.Nodes.Node;

/// <summary>
/// Removes rings whose owner process is gone. A node sweeps the rings of its own topology when it
/// starts (those are the ones it would meet); `valkka clean` sweeps every topology's, or one.
/// </summary>
public static class StaleRings
{
    public static IReadOnlyList<string> Sweep(string? topology) => RingSweeper.SweepStale(topology: topology);
}
