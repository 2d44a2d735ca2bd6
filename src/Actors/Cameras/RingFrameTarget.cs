using Akka.Actor;
using Valkka.Actors.Messages;
using Valkka.Actors.Topology;
using Valkka.Media.Frames;
using Valkka.Shm;

namespace Valkka.Actors.Cameras;

/// <summary>
/// Where the decoder writes: straight into a free slot of the camera's ring (no intermediate copy).
/// The ring is created on the first frame when the size is not configured. Runs on the decoder's
/// thread and tells the camera actor about every committed frame.
/// </summary>
internal sealed unsafe class RingFrameTarget(CameraSettings settings, IActorRef camera) : IFrameTarget
{
    private readonly object _gate = new();
    private FrameRingWriter? _ring;
    private SlotWriter _slot;
    private int _width, _height, _stride;
    private bool _writing;
    private bool _disposed;
    private volatile bool _failed;
    private long _oversized;
    private long _behind;
    private int _backlog;

    public string RingName => settings.RingName ?? ActorPaths.CameraRingName(settings.CameraId);

    /// <summary>Frames dropped because they did not fit the ring's slots (size changed mid-stream).</summary>
    public long Oversized => Volatile.Read(ref _oversized);

    /// <summary>Frames not decoded because the camera actor had not yet announced a ring's worth of earlier ones.</summary>
    public long Behind => Volatile.Read(ref _behind);

    /// <summary>A new decoder starts: the ring may be tried again (after a failure, frames are refused until then).</summary>
    public void ClearFailure() => _failed = false;

    /// <summary>The camera actor announced one committed frame.</summary>
    public void FrameHandled() => Interlocked.Decrement(ref _backlog);

    /// <summary>Creates the ring now (size known from settings). Thrown RingExceptions name the problem.</summary>
    public FrameRingWriter CreateRing(int width, int height)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_ring is not null) return _ring;
            _ring = FrameRingWriter.Create(settings.Topology, RingName, settings.RingSlots, checked(width * height * 3));
            camera.Tell(new CameraActor.RingCreated(_ring));
            return _ring;
        }
    }

    public bool TryBeginFrame(int width, int height, out byte* destination, out int stride)
    {
        destination = null;
        stride = width * 3;
        var ring = _ring;
        if (ring is null)
        {
            if (_failed) return false;
            try { ring = CreateRing(width, height); }
            catch (Exception e) when (e is RingException or ObjectDisposedException)
            {
                _failed = true; // told once; the camera stops this decoder and tries again later
                camera.Tell(new CameraActor.RingFailed(e.Message));
                return false;
            }
        }
        if ((long)stride * height > ring.SlotCapacity)
        {
            Interlocked.Increment(ref _oversized);
            return false;
        }
        // Never run more than a ring ahead of the actor: its mailbox stays short (credit returns
        // are not stuck behind thousands of frames) and every written frame is still announced.
        if (Volatile.Read(ref _backlog) >= ring.SlotCount)
        {
            Interlocked.Increment(ref _behind);
            return false;
        }
        if (!ring.TryBeginWrite(out _slot)) return false;
        _writing = true;
        _width = width;
        _height = height;
        _stride = stride;
        destination = _slot.Data;
        return true;
    }

    public void CommitFrame(long timestampMs) => CommitFrame(timestampMs, -1);

    public void CommitFrame(long timestampMs, long streamFrameIndex)
    {
        if (!_writing) return;
        _writing = false;
        var ring = _ring!;
        var info = new FrameInfo(_width, _height, _stride, PixelFormat.Rgb24, timestampMs, _stride * _height) { StreamFrameIndex = streamFrameIndex };
        long sequence = ring.Commit(_slot, info);
        Interlocked.Increment(ref _backlog);
        camera.Tell(new CameraActor.FrameCommitted(
            new FrameRef(settings.CameraId, ring.Path, _slot.Slot, sequence, timestampMs, _width, _height, streamFrameIndex)));
    }

    public void AbortFrame()
    {
        if (!_writing) return;
        _writing = false;
        _ring!.Abort(_slot);
    }

    /// <summary>Unmaps and unlinks the ring. Call only after the decoder thread stopped.</summary>
    public void DisposeRing()
    {
        lock (_gate)
        {
            _disposed = true;
            _ring?.Dispose();
            _ring = null;
        }
    }
}
