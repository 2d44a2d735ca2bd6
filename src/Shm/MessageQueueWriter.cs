namespace Valkka.Shm;

/// <summary>
/// The sending end of a same-host byte-message queue: a ring file this process owns (the frame
/// ring's layout, see README.md), one writing thread, one reader (<see cref="ReaderIndex"/>, read
/// with <see cref="MessageQueueReader"/>). Each message is published already leased for the reader,
/// so it stays until the reader took and released it; messages are written to the slots in strict
/// rotation, so the n-th message is always in slot (n - 1) mod <see cref="Capacity"/> and the reader
/// finds the next one without a search. Dispose unmaps and unlinks the file.
/// </summary>
/// <remarks>
/// A full queue never blocks the writer: when the slot next in rotation still holds a message the
/// reader has not released (the reader is <see cref="Capacity"/> messages behind, or gone), the
/// append fails at once, is counted in <see cref="Refused"/>, and the caller sends the message
/// another way or drops it. Nothing already in the queue is lost to make room.
/// </remarks>
public sealed unsafe class MessageQueueWriter : IDisposable
{
    private readonly SlotTable _table;
    private int _nextSlot;
    private bool _appending;

    private MessageQueueWriter(SlotTable table)
    {
        _table = table;
        Volatile.Write(ref table.Header->ReaderMask, 1UL << ReaderIndex);
    }

    /// <summary>
    /// Creates <c>/dev/shm/valkka.&lt;topology&gt;.&lt;queue&gt;</c> holding capacity messages of up to
    /// maxMessageLength bytes each. A leftover file of a dead owner with that name is replaced.
    /// </summary>
    /// <exception cref="RingException">As <see cref="FrameRingWriter.Create"/>.</exception>
    public static MessageQueueWriter Create(string topology, string queue, int capacity, int maxMessageLength) =>
        new(SlotTable.Create(RingPaths.For(topology, queue), capacity, maxMessageLength));

    public string Path => _table.Path;

    /// <summary>The reader index the messages are leased for: pass it to <see cref="MessageQueueReader.Attach"/>.</summary>
    public int ReaderIndex => 0;

    /// <summary>Messages the queue holds before it is full.</summary>
    public int Capacity => _table.SlotCount;

    /// <summary>The longest message, in bytes.</summary>
    public int MaxMessageLength => _table.SlotCapacity;

    /// <summary>Messages appended so far.</summary>
    public long Appended => Volatile.Read(ref _table.Header->FramesWritten);

    /// <summary>Appends refused because the queue was full.</summary>
    public long Refused => Volatile.Read(ref _table.Header->FramesDropped);

    /// <summary>
    /// Reserves the next message's bytes (<see cref="MaxMessageLength"/> of them) for the caller to
    /// write, then <see cref="CommitAppend"/> or <see cref="AbortAppend"/>. False when the queue is
    /// full (counted in <see cref="Refused"/>; never waits).
    /// </summary>
    public bool TryBeginAppend(out Span<byte> message)
    {
        ObjectDisposedException.ThrowIf(_table.IsDisposed, this);
        if (_appending)
        {
            throw new InvalidOperationException($"Queue {RingPaths.Describe(Path)}: a message is being appended; commit or abort it first.");
        }
        if (!_table.TryClaim(_nextSlot))
        {
            _table.CountDropped();
            message = default;
            return false;
        }
        _appending = true;
        message = new Span<byte>(_table.Payload(_nextSlot), MaxMessageLength);
        return true;
    }

    /// <summary>Publishes the first length bytes written since <see cref="TryBeginAppend"/> and rings the doorbell.</summary>
    public void CommitAppend(int length)
    {
        ThrowIfNotAppending();
        if ((uint)length > (uint)MaxMessageLength)
        {
            throw new ArgumentOutOfRangeException(nameof(length),
                $"Queue {RingPaths.Describe(Path)}: message length {length} is outside 0..{MaxMessageLength}.");
        }
        _table.Entry(_nextSlot)->Length = length;
        _table.Publish(_nextSlot, leasedFor: 1UL << ReaderIndex);
        _nextSlot = _nextSlot + 1 == Capacity ? 0 : _nextSlot + 1;
        _appending = false;
    }

    /// <summary>Gives the reserved message back unpublished; the next append takes the same place.</summary>
    public void AbortAppend()
    {
        ThrowIfNotAppending();
        _table.MarkEmpty(_nextSlot);
        _appending = false;
    }

    /// <summary>Appends a copy of message; false when the queue is full (never waits).</summary>
    /// <exception cref="ArgumentOutOfRangeException">message is longer than <see cref="MaxMessageLength"/>.</exception>
    public bool TryAppend(ReadOnlySpan<byte> message)
    {
        if (message.Length > MaxMessageLength)
        {
            throw new ArgumentOutOfRangeException(nameof(message),
                $"Queue {RingPaths.Describe(Path)}: message length {message.Length} is above {MaxMessageLength}.");
        }
        if (!TryBeginAppend(out var bytes))
        {
            return false;
        }
        message.CopyTo(bytes);
        CommitAppend(message.Length);
        return true;
    }

    /// <summary>
    /// Forgets every message the reader has not released (the reader is gone for good), so the queue
    /// takes new ones; a reader that comes back counts the overwritten ones as skipped. Returns how many.
    /// </summary>
    public int ClearUnread()
    {
        ObjectDisposedException.ThrowIf(_table.IsDisposed, this);
        return LeaseReclaim.ClearLeases(_table, ReaderIndex);
    }

    /// <summary>Unmaps and unlinks the queue file. A reader that still maps it keeps its mapping.</summary>
    public void Dispose() => _table.Dispose();

    private void ThrowIfNotAppending()
    {
        if (!_appending)
        {
            throw new InvalidOperationException($"Queue {RingPaths.Describe(Path)}: no message is being appended (call TryBeginAppend first).");
        }
    }
}
