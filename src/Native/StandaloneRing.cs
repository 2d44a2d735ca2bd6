using Valkka.Shm;

namespace Valkka.Native;

/// <summary>
/// What a valkka_ring* of the C ABI points to: a standalone reader of one ring and the lease it
/// holds on each slot, so C can release a frame by the valkka_frame it was given. One thread at a time.
/// </summary>
internal sealed unsafe class StandaloneRing : IDisposable
{
    private readonly FrameRingReader _reader;
    private readonly FrameLease[] _held;

    public StandaloneRing(FrameRingReader reader)
    {
        _reader = reader;
        _held = new FrameLease[reader.SlotCount];
    }

    public FrameRingReader Reader => _reader;

    /// <summary>Waits up to timeoutMs for a frame newer than afterSequence and leases the newest.</summary>
    public RingStatus LeaseNewest(long afterSequence, int timeoutMs, NativeFrame* frame)
    {
        if (!_reader.TryLeaseNewest(afterSequence, TimeSpan.FromMilliseconds(Math.Max(0, timeoutMs)), out var lease))
        {
            return _reader.IsOwnerAlive ? RingStatus.Timeout : RingStatus.OwnerGone;
        }
        if (_held[lease.Slot].Data != null)
        {
            _reader.Release(_held[lease.Slot]); // cannot happen with one lease per slot; never leak one
        }
        _held[lease.Slot] = lease;
        var info = lease.Info;
        *frame = new NativeFrame
        {
            Data = lease.Data,
            Offset = lease.FileOffset,
            Sequence = lease.Sequence,
            FrameIndex = info.StreamFrameIndex,
            CaptureTimeMs = info.TimestampMs,
            CommitTicks = info.CommitTicks,
            Slot = lease.Slot,
            Width = info.Width,
            Height = info.Height,
            Stride = info.Stride,
            Format = (int)info.Format,
            Length = info.Length,
        };
        return RingStatus.Ok;
    }

    /// <summary>Ends the lease of frame; false when this ring holds no lease of that frame.</summary>
    public bool Release(in NativeFrame frame)
    {
        if (!TryHeld(frame, out var lease)) return false;
        _reader.Release(lease);
        _held[frame.Slot] = default;
        return true;
    }

    /// <summary>True while frame is leased by this ring and the owner has not cleared the lease.</summary>
    public bool IsLeased(in NativeFrame frame) => TryHeld(frame, out var lease) && _reader.IsStillLeased(lease);

    private bool TryHeld(in NativeFrame frame, out FrameLease lease)
    {
        lease = (uint)frame.Slot < (uint)_held.Length ? _held[frame.Slot] : default;
        return lease.Data != null && lease.Sequence == frame.Sequence;
    }

    public void Dispose() => _reader.Dispose(); // clears this reader's leases and frees its index
}
