using System.Diagnostics;
using System.Text.Json.Nodes;
using Valkka.Shm;

namespace Valkka.Bench;

/// <summary>
/// The C# reader of <see cref="StandaloneReaderTransport"/>: a standalone reader of the ring at path
/// (<see cref="FrameRingReader.AttachStandalone"/>), leasing the newest frame, summing every byte in
/// place (<see cref="FrameChecksum"/>) and releasing it, until the writer's last frame; the same
/// loop as bench/python/ring_reader.py.
/// </summary>
public static class RingReaderPeer
{
    public const string Role = "ring-reader";

    public static int Run(PeerArgs args)
    {
        int frames = args.Int("frames"), warmup = args.Int("warmup");
        long firstMeasured = 2L * (warmup + 1), last = 2L * (warmup + frames); // the n-th commit has sequence 2n
        using var reader = FrameRingReader.AttachStandalone(args.String("path"));
        Console.WriteLine("READY");
        long after = 0, analyzed = 0;
        ulong checksum = 0;
        var cpu0 = TimeSpan.Zero;
        while (after < last)
        {
            if (!reader.TryLeaseNewest(after, TimeSpan.FromSeconds(30), out var lease))
                throw new TimeoutException($"no frame after sequence {after} within 30 s");
            if (lease.Sequence >= firstMeasured && analyzed == 0) cpu0 = CpuClock.Process();
            checksum += FrameChecksum.Of(lease.Pixels);
            reader.Release(lease);
            if (lease.Sequence >= firstMeasured) analyzed++;
            after = lease.Sequence;
        }
        long end = Stopwatch.GetTimestamp();
        Console.WriteLine("RESULT " + new JsonObject
        {
            ["frames"] = analyzed, ["end_ns"] = end, ["receiver_cpu_s"] = (CpuClock.Process() - cpu0).TotalSeconds,
            ["checksum"] = checksum, ["stale"] = reader.Stale,
        }.ToJsonString());
        return 0;
    }
}
