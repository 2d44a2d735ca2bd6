using Akka.Actor;
using Akka.Event;
using Valkka.Actors.Analysis;
using Valkka.Actors.Channels;
using Valkka.Actors.Messages;
using Valkka.Shm;

namespace Valkka.Actors.Clients;

/// <summary>
/// What a client's analyzer forwards to the master: the analyzed frame by reference into the camera's
/// ring (zero copy), or a derived frame written into the client's own ring (<see cref="DerivedRing"/>).
/// Without a master, derived frames are still written (and forwarded to nobody).
/// </summary>
internal sealed class MasterForwarding(string clientId, ChannelClient? master, DerivedRing derived, IActorRef self, ILoggingAdapter log)
{
    public bool HasMaster => master is not null;

    /// <summary>Requests sent to the master (not those held back while a placed master ran nowhere).</summary>
    public long Forwarded { get; private set; }

    /// <summary>Requests held back because a placed master ran nowhere (see <see cref="ChannelClient.NotSent"/>).</summary>
    public long NotSent => master?.NotSent ?? 0;

    /// <summary>Why frames do not reach the master now; null: they do (or there is no master).</summary>
    public string? MasterWaiting => master?.Waiting;

    /// <summary>Derived frames that found no room in the client's ring (or no ring).</summary>
    public long DerivedDropped { get; private set; }

    public void Forward(in AnalyzedFrame frame)
    {
        if (master is null) return;
        if (master.Send(new AnalyzeRequest(clientId, frame.Frame, frame.Camera, frame.Frame.Sequence))) Forwarded++;
    }

    public bool ForwardDerived(in AnalyzedFrame frame, in FrameInfo info, DerivedFrameWriter write)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (info.Length <= 0 || info.Width <= 0 || info.Height <= 0)
            throw new ArgumentException($"derived frame needs a positive size and length, got {info}");
        FrameRingWriter ring;
        try { ring = derived.Ensure(info.Length); }
        catch (RingException e)
        {
            DerivedDropped++;
            log.Error("Client {0}: cannot create its ring for derived frames: {1}", clientId, e.Message);
            return false;
        }
        if (info.Length > ring.SlotCapacity || !ring.TryBeginWrite(out var slot))
        {
            DerivedDropped++;
            return false;
        }
        try
        {
            unsafe
            {
                write(new FrameView(frame.Frame.CameraId, frame.Frame.Sequence, frame.Info, (byte*)frame.Pixels), slot.Span[..info.Length]);
            }
        }
        catch
        {
            ring.Abort(slot);
            throw;
        }
        var source = frame.Frame;
        var stamped = (info.TimestampMs == 0 ? info with { TimestampMs = source.TimestampMs } : info) with { StreamFrameIndex = source.StreamFrameIndex };
        long sequence = ring.Commit(slot, stamped);
        if (master is not null)
        {
            var reference = new FrameRef(source.CameraId, ring.Path, slot.Slot, sequence, stamped.TimestampMs, stamped.Width, stamped.Height,
                source.StreamFrameIndex);
            if (master.Send(new AnalyzeRequest(clientId, reference, self, source.Sequence))) Forwarded++;
        }
        return true;
    }
}
