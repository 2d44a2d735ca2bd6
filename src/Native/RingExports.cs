using System.Runtime.InteropServices;
using Valkka.Shm;

namespace Valkka.Native;

/// <summary>
/// The C ABI of include/valkka.h. Every export catches what it throws (an exception must not cross
/// into C), returns a <see cref="RingStatus"/> and leaves the reason in <see cref="LastError"/>.
/// </summary>
internal static unsafe class RingExports
{
    [UnmanagedCallersOnly(EntryPoint = "valkka_ring_open")]
    public static int Open(byte* cameraOrPath, byte* topology, nint* ring)
    {
        try
        {
            if (cameraOrPath == null || ring == null) return Fail(RingStatus.InvalidArgument, "valkka_ring_open: camera and ring must not be NULL.");
            *ring = 0;
            string name = Marshal.PtrToStringUTF8((nint)cameraOrPath)!;
            string? inTopology = topology == null ? null : Marshal.PtrToStringUTF8((nint)topology);
            string path = name.Contains('/', StringComparison.Ordinal) ? name : CameraRings.Find(name, inTopology);
            var standalone = new StandaloneRing(FrameRingReader.AttachStandalone(path));
            *ring = GCHandle.ToIntPtr(GCHandle.Alloc(standalone));
            return (int)RingStatus.Ok;
        }
        catch (Exception e)
        {
            return Fail(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "valkka_ring_lease_newest")]
    public static int LeaseNewest(nint ring, long afterSequence, int timeoutMs, NativeFrame* frame)
    {
        try
        {
            if (frame == null) return Fail(RingStatus.InvalidArgument, "valkka_ring_lease_newest: frame must not be NULL.");
            var status = Ring(ring).LeaseNewest(afterSequence, timeoutMs, frame);
            if (status == RingStatus.OwnerGone) Fail(status, $"The owner of ring {Ring(ring).Reader.Path} is gone.");
            return (int)status;
        }
        catch (Exception e)
        {
            return Fail(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "valkka_ring_release")]
    public static int Release(nint ring, NativeFrame* frame)
    {
        try
        {
            if (frame == null) return Fail(RingStatus.InvalidArgument, "valkka_ring_release: frame must not be NULL.");
            return Ring(ring).Release(*frame) ? (int)RingStatus.Ok
                : Fail(RingStatus.InvalidArgument, $"valkka_ring_release: no lease held on slot {frame->Slot}, sequence {frame->Sequence}.");
        }
        catch (Exception e)
        {
            return Fail(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "valkka_ring_is_leased")]
    public static int IsLeased(nint ring, NativeFrame* frame)
    {
        try
        {
            return frame != null && Ring(ring).IsLeased(*frame) ? 1 : 0;
        }
        catch (Exception e)
        {
            Fail(e);
            return 0;
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "valkka_ring_get_info")]
    public static int Info(nint ring, NativeRingInfo* info)
    {
        try
        {
            if (info == null) return Fail(RingStatus.InvalidArgument, "valkka_ring_get_info: info must not be NULL.");
            var reader = Ring(ring).Reader;
            *info = new NativeRingInfo
            {
                SlotCapacity = reader.SlotCapacity,
                FramesWritten = reader.FramesWritten,
                FramesDropped = reader.FramesDropped,
                SlotCount = reader.SlotCount,
                ReaderIndex = reader.ReaderIndex,
                OwnerPid = reader.OwnerPid,
            };
            return (int)RingStatus.Ok;
        }
        catch (Exception e)
        {
            return Fail(e);
        }
    }

    /// <summary>Copies the ring file's path (NUL-terminated UTF-8) into buffer; returns its length in bytes, or a negative status.</summary>
    [UnmanagedCallersOnly(EntryPoint = "valkka_ring_path")]
    public static int PathOf(nint ring, byte* buffer, int size)
    {
        try
        {
            string path = Ring(ring).Reader.Path;
            int length = System.Text.Encoding.UTF8.GetByteCount(path);
            if (buffer == null || size <= length) return Fail(RingStatus.InvalidArgument, $"valkka_ring_path: the path needs {length + 1} bytes.");
            System.Text.Encoding.UTF8.GetBytes(path, new Span<byte>(buffer, size));
            buffer[length] = 0;
            return length;
        }
        catch (Exception e)
        {
            return Fail(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "valkka_ring_close")]
    public static void Close(nint ring)
    {
        if (ring == 0) return;
        try
        {
            var handle = GCHandle.FromIntPtr(ring);
            (handle.Target as StandaloneRing)?.Dispose();
            handle.Free();
        }
        catch (Exception e)
        {
            Fail(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "valkka_last_error")]
    public static byte* LastErrorText() => LastError.Text;

    private static StandaloneRing Ring(nint ring) =>
        ring != 0 && GCHandle.FromIntPtr(ring).Target is StandaloneRing standalone
            ? standalone
            : throw new ArgumentException("not an open valkka_ring");

    private static int Fail(RingStatus status, string message)
    {
        LastError.Set(message);
        return (int)status;
    }

    private static int Fail(Exception e) => Fail(e switch
    {
        RingException { Kind: RingErrorKind.NotFound } => RingStatus.NotFound,
        RingException { Kind: RingErrorKind.OwnerDead } => RingStatus.OwnerGone,
        RingException { Kind: RingErrorKind.ReadersExhausted } => RingStatus.ReadersExhausted,
        RingException { Kind: RingErrorKind.InvalidArgument } or ArgumentException => RingStatus.InvalidArgument,
        _ => RingStatus.Error,
    }, e.Message);
}
