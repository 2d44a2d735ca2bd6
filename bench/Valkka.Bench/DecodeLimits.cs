using Valkka.Actors.Topology;

namespace Valkka.Bench;

/// <summary>
/// What bounds a case's N besides CPU: the /dev/shm room for its rings (the estimate `valkka validate`
/// checks), the sweep's --max and the camera node's open files limit.
/// </summary>
public sealed class DecodeLimits
{
    /// <summary>A failing step with at least this share of all cores busy is CPU-bound.</summary>
    public const double CpuBoundShare = 0.85;

    public DecodeLimits(int ringSlots, int max)
    {
        RingSlots = ringSlots;
        RingBytes = RingSpace.BytesFor(new CameraDefinition("d0", "bench", "bench-clip", new FrameSize(1280, 720), ringSlots, DecoderDefinition.Default));
        ShmFreeBytes = RingSpace.FreeBytes();
        int byRoom = (int)Math.Min(int.MaxValue, ShmFreeBytes / RingBytes);
        MaxCameras = Math.Min(max, byRoom);
        CapReason = byRoom < max
            ? $"/dev/shm room ({RingSpace.Format(ShmFreeBytes)} free, {RingSpace.Format(RingBytes)} a ring of {ringSlots} slots)"
            : $"the sweep's --max {max} (clean there)";
    }

    public int RingSlots { get; }
    public long RingBytes { get; }
    public long ShmFreeBytes { get; }
    /// <summary>The most cameras a case tries: --max, or fewer when /dev/shm has no room for more rings.</summary>
    public int MaxCameras { get; }
    public string CapReason { get; }
    public long OpenFilesLimit { get; } = ReadOpenFilesLimit();

    public double FdsPerCamera(DecodeStep s) => s.Cameras > 0 ? (double)s.CameraNodeFds / s.Cameras : 0;

    private static long ReadOpenFilesLimit()
    {
        foreach (var line in File.ReadLines("/proc/self/limits"))
            if (line.StartsWith("Max open files", StringComparison.Ordinal))
                return long.TryParse(line["Max open files".Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], out var soft) ? soft : long.MaxValue;
        return long.MaxValue;
    }
}
