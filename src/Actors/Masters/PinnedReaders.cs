using Valkka.Shm;

namespace Valkka.Actors.Masters;

/// <summary>
/// Ring readers that an abandoned analyzer call may still read pixels through: a reader the master
/// is done with is unmapped only once no such call holds it, so a hung analyzer that wakes up later
/// reads stale pixels at worst, never unmapped memory.
/// </summary>
internal sealed class PinnedReaders
{
    private readonly Dictionary<AnalyzerThread, List<FrameRingReader>> _byCall = new();
    private readonly HashSet<FrameRingReader> _released = new();

    public void Pin(AnalyzerThread call, List<FrameRingReader> readers) => _byCall[call] = readers;

    /// <summary>The master is done with reader: unmapped now, or when the last call pinning it ends.</summary>
    public void Dispose(FrameRingReader reader)
    {
        if (IsPinned(reader)) _released.Add(reader);
        else reader.Dispose();
    }

    /// <summary>The abandoned call ended: readers the master released meanwhile are unmapped.</summary>
    public void Unpin(AnalyzerThread call)
    {
        if (!_byCall.Remove(call, out var readers)) return;
        foreach (var reader in readers)
        {
            if (!IsPinned(reader) && _released.Remove(reader)) reader.Dispose();
        }
    }

    private bool IsPinned(FrameRingReader reader) => _byCall.Values.Any(readers => readers.Contains(reader));
}
