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

    /// <summary>Sleeps on the ring's doorbell until it holds an entry above AfterSequence, the timeout passes or <see cref="Interrupt"/> is called.</summary>
    public bool Wait(TimeSpan timeout) => !Table.IsDisposed && Table.Doorbell.Wait(AfterSequence, timeout, out _);

    /// <summary>Wakes every thread asleep on this ring's doorbell (in any process), e.g. to stop it.</summary>
    public void Interrupt()
    {
        if (!Table.IsDisposed) Table.Doorbell.Interrupt();
    }

    internal SlotTable Table { get; }
}
