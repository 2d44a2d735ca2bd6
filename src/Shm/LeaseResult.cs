namespace Valkka.Shm;

/// <summary>Outcome of <see cref="FrameRingReader.TryLease"/>.</summary>
public enum LeaseResult
{
    /// <summary>The slot still holds the announced frame; it stays intact until released.</summary>
    Leased,
    /// <summary>The slot was rewritten (or is being written): nothing was leased.</summary>
    Stale,
    /// <summary>
    /// The slot is outside the ring, or its entry does not describe a frame that fits the slot
    /// (garbage written by another process): nothing was leased; <see cref="FrameRingReader.LastCorruption"/> says what.
    /// </summary>
    Corrupt,
}
