using Valkka.Shm.Layout;

namespace Valkka.Shm;

/// <summary>
/// The receiving end of a <see cref="MessageQueueWriter"/>'s queue, in any process: takes the
/// messages in order, each read in place until <see cref="Release"/>. It keeps the sequence it
/// expects next, whose slot follows from the sequence, so a take looks at one slot. Dispose unmaps, never unlinks.
/// </summary>
/// <remarks>
/// Attaching starts at the oldest message still leased for this reader index, so a reader that
/// restarts gets every message its predecessor did not release (the one it held when it stopped
/// comes again); with none left, it starts after the latest. A message that is not there for this
/// reader when its turn comes (the writer cleared the reader's leases and overwrote it) is counted
/// in <see cref="Skipped"/> and the reader goes on with the next.
/// </remarks>
public sealed unsafe class MessageQueueReader : IDisposable
{
    private readonly SlotTable _table;
    private long _next;
    private int _takenSlot = -1;
    private long _skipped;

    private MessageQueueReader(SlotTable table, int readerIndex)
    {
        _table = table;
        ReaderIndex = readerIndex;
        _next = OldestLeasedOrNext();
    }

    /// <summary>Maps the queue at path as its reader (readerIndex: <see cref="MessageQueueWriter.ReaderIndex"/>).</summary>
    /// <exception cref="RingException">NotFound, BadMagic, VersionMismatch, OwnerDead, InvalidArgument.</exception>
    public static MessageQueueReader Attach(string path, int readerIndex) =>
        new(SlotTable.Attach(path, readerIndex), readerIndex);

    public string Path => _table.Path;

    public int ReaderIndex { get; }

    /// <summary>True while the process that created the queue runs (reads /proc: not for hot paths).</summary>
    public bool IsOwnerAlive => ProcessIdentity.IsAlive(_table.OwnerPid, _table.OwnerStartTime);

    /// <summary>Messages the queue holds before it is full.</summary>
    public int Capacity => _table.SlotCount;

    /// <summary>The sequence of the message this reader takes next (the n-th message has 2n).</summary>
    public long NextSequence => _next;

    /// <summary>Messages lost to this reader: overwritten, or not leased for it, when their turn came.</summary>
    public long Skipped => _skipped;

    /// <summary>What a <see cref="RingWaiter"/> waits for: a message at or after the next expected one.</summary>
    public RingWait Awaited => new(_table, _next - 2);

    /// <summary>
    /// The next message in order, readable in place until <see cref="Release"/>; false when the
    /// writer has not appended it yet. Release the message before taking the next.
    /// </summary>
    public bool TryTake(out ReadOnlySpan<byte> message)
    {
        ObjectDisposedException.ThrowIf(_table.IsDisposed, this);
        if (_takenSlot >= 0)
        {
            throw new InvalidOperationException($"Queue {RingPaths.Describe(Path)}: release the message taken before taking the next.");
        }
        while (true)
        {
            int slot = SlotOf(_next);
            SlotEntry* entry = _table.Entry(slot);
            long sequence = Volatile.Read(ref entry->Sequence);
            // Above the limit: not written by the writer (garbage from another process); waiting for
            // the writer to overwrite it keeps the reader in step, where skipping would run it past the writer.
            if (sequence < _next || sequence > _table.SequenceLimit)
            {
                message = default; // not appended yet (or being appended: odd, one below)
                return false;
            }
            // Our lease keeps the writer out, so a sequence unchanged after the lease check is ours.
            if (sequence == _next && _table.IsLeased(slot, ReaderIndex) && Volatile.Read(ref entry->Sequence) == sequence)
            {
                _takenSlot = slot;
                _next += 2;
                message = new ReadOnlySpan<byte>(_table.Payload(slot), _table.LengthOf(entry));
                return true;
            }
            _skipped++;
            _next += 2;
        }
    }

    /// <summary>Ends the taken message: its slot may be rewritten afterwards. Nothing taken: nothing to do.</summary>
    public void Release()
    {
        if (_takenSlot < 0 || _table.IsDisposed)
        {
            return;
        }
        _table.Release(_takenSlot, ReaderIndex);
        _takenSlot = -1;
    }

    /// <summary>
    /// True at once when the writer has appended past what this reader took; otherwise sleeps on the
    /// queue's doorbell until an append, <see cref="Interrupt"/> or the timeout, and says whether one came.
    /// </summary>
    public bool WaitForMessage(TimeSpan timeout)
    {
        ObjectDisposedException.ThrowIf(_table.IsDisposed, this);
        return _table.Doorbell.Wait(_next - 2, timeout, out _);
    }

    /// <summary>Wakes every thread asleep in <see cref="WaitForMessage"/> on this queue (in any process).</summary>
    public void Interrupt()
    {
        if (!_table.IsDisposed)
        {
            new RingDoorbell(_table.Header).Interrupt();
        }
    }

    /// <summary>Unmaps the queue (never unlinks). A message taken and not released comes again to the next reader.</summary>
    public void Dispose() => _table.Dispose();

    private int SlotOf(long sequence) => (int)((sequence / 2 - 1) % _table.SlotCount);

    private long OldestLeasedOrNext()
    {
        // The latest is named after its sequence is published, so every message at or below it is
        // in the slot table for the scan below; anything later comes after it.
        long limit = _table.SequenceLimit;
        long latest = Math.Clamp(new RingDoorbell(_table.Header).Latest.Sequence, 0, limit - 2);
        long oldest = long.MaxValue;
        for (int slot = 0; slot < _table.SlotCount; slot++)
        {
            long sequence = Volatile.Read(ref _table.Entry(slot)->Sequence);
            if (sequence > 0 && (sequence & 1) == 0 && sequence < oldest && sequence <= limit && _table.IsLeased(slot, ReaderIndex))
            {
                oldest = sequence;
            }
        }
        return oldest <= latest ? oldest : latest + 2;
    }
}
