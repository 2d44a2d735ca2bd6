namespace Valkka.Shm;

/// <summary>
/// What a <see cref="RingWaiter"/> waits for on one ring: an entry with a sequence above
/// AfterSequence (a frame of a <see cref="FrameRingReader"/>, or see <see cref="MessageQueueReader.Awaited"/>).
/// </summary>
public readonly struct RingWait
{
    public RingWait(FrameRingReader ring, long afterSequence) : this(ring.Table, afterSequence)
    {
    }

    internal RingWait(SlotTable table, long afterSequence)
    {
        Table = table;
        AfterSequence = afterSequence;
    }

    public long AfterSequence { get; }

    internal SlotTable Table { get; }
}
