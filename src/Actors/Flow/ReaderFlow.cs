using Akka.Actor;
using Valkka.Actors.Messages;

namespace Valkka.Actors.Flow;

/// <summary>
/// Flow control for one reader of a ring: a frame goes out only while the reader has credit;
/// without credit only the newest frame is kept (latest wins) and every frame it replaces is
/// counted as skipped. Published = Sent + Skipped + (1 if a frame is pending).
/// </summary>
internal sealed class ReaderFlow(IActorRef reader, string readerId, int readerIndex, int credit, bool streaming,
    ReaderProcess? process = null)
{
    private FrameRef? _pending;
    private long _skippedSinceSent;

    public IActorRef Reader { get; } = reader;
    public string ReaderId { get; } = readerId;
    public int ReaderIndex { get; } = readerIndex;
    /// <summary>False for readers that only lease frames forwarded to them (masters).</summary>
    public bool Streaming { get; } = streaming;
    /// <summary>The reader's process, when it said which.</summary>
    public ReaderProcess? Process { get; set; } = process;
    /// <summary>Remoting declared the reader's address terminated while its process lives: watch it again.</summary>
    public bool RewatchDue { get; set; }
    public int Credit { get; private set; } = Math.Max(0, credit);
    public long Published { get; private set; }
    public long Sent { get; private set; }
    public long Skipped { get; private set; }
    public bool HasPending => _pending is not null;

    /// <summary>
    /// A new frame was published. Returns the message to send to the reader now, or null when the
    /// reader has no credit (the frame is kept as the pending one). noSkipMessage is the shared
    /// message for readers that skipped nothing, so most readers cost no allocation of their own.
    /// </summary>
    public FrameAvailable? Offer(FrameRef frame, FrameAvailable noSkipMessage) => Offer(frame, noSkipMessage, 0);

    /// <summary>
    /// As <see cref="Offer(FrameRef, FrameAvailable)"/>, after missed frames that were published but
    /// never offered (a doorbell watcher that woke once for several commits): they count as published
    /// and skipped.
    /// </summary>
    public FrameAvailable? Offer(FrameRef frame, FrameAvailable? noSkipMessage, long missed)
    {
        if (missed > 0)
        {
            Published += missed;
            Skipped += missed;
            _skippedSinceSent += missed;
        }
        Published++;
        if (Credit > 0)
        {
            Credit--;
            Sent++;
            long skipped = _skippedSinceSent;
            _skippedSinceSent = 0;
            return skipped == 0 && noSkipMessage is not null ? noSkipMessage : new FrameAvailable(frame, skipped);
        }
        if (_pending is not null)
        {
            Skipped++;
            _skippedSinceSent++;
        }
        _pending = frame;
        return null;
    }

    /// <summary>The reader returned credit. Returns the pending (newest) frame to send now, if any.</summary>
    public FrameAvailable? AddCredit(int count)
    {
        if (count <= 0) return null;
        Credit += count;
        if (_pending is null) return null;
        var frame = _pending;
        _pending = null;
        Credit--;
        Sent++;
        long skipped = _skippedSinceSent;
        _skippedSinceSent = 0;
        return new FrameAvailable(frame, skipped);
    }

    /// <summary>The reader subscribed again (it restarted its side): start over with this credit.</summary>
    public void Reset(int credit)
    {
        Credit = Math.Max(0, credit);
        if (_pending is not null)
        {
            Skipped++;
            _skippedSinceSent++;
            _pending = null;
        }
    }

    public ReaderCounters Counters() => new(ReaderId, ReaderIndex, Published, Sent, Skipped, HasPending ? 1 : 0, Credit);
}
