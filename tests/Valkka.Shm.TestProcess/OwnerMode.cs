using System.Globalization;

namespace Valkka.Shm.TestProcess;

/// <summary>
/// owner TOPOLOGY RING SLOTS WIDTH HEIGHT FPS: a camera's part of a ring without the camera. Creates
/// the ring, prints "READY path", commits RGB24 frames (every row encodes the sequence, see
/// <see cref="RowPattern"/>; stream frame index n, capture time now) at about FPS a second (0: as
/// fast as it can) and, every 50 ms as a camera actor's tick does, frees the indices of standalone
/// readers whose process died ("RECLAIMED n" when it did). Input "LEASES" prints
/// "LEASES standalone-mask lease-bits written dropped"; "EXIT" or end of input removes the ring and exits.
/// </summary>
internal static class OwnerMode
{
    public static int Run(string[] args)
    {
        string topology = args[0], ring = args[1];
        int slots = Int(args[2]), width = Int(args[3]), height = Int(args[4]), fps = Int(args[5]);
        int stride = width * 3;
        using var writer = FrameRingWriter.Create(topology, ring, slots, stride * height);
        Console.WriteLine($"READY {writer.Path}");
        using var stop = new CancellationTokenSource();
        var writing = new Thread(() => Write(writer, width, height, fps, stop.Token)) { Name = "writer" };
        var ticking = new Thread(() => Tick(writer, stop.Token)) { Name = "tick" };
        writing.Start();
        ticking.Start();
        while (Console.ReadLine() is { } line && line != "EXIT")
        {
            if (line == "LEASES")
            {
                ulong bits = 0;
                for (int slot = 0; slot < writer.SlotCount; slot++) bits |= writer.GetLeaseMask(slot);
                Console.WriteLine($"LEASES {writer.StandaloneReaders} {bits} {writer.FramesWritten} {writer.FramesDropped}");
            }
        }
        stop.Cancel();
        writing.Join();
        ticking.Join();
        return 0;
    }

    private static void Write(FrameRingWriter writer, int width, int height, int fps, CancellationToken stop)
    {
        int stride = width * 3;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        long frames = 0;
        while (!stop.IsCancellationRequested)
        {
            if (fps > 0 && frames > clock.Elapsed.TotalSeconds * fps)
            {
                stop.WaitHandle.WaitOne(1); // ahead of the frame rate
                continue;
            }
            frames++;
            if (!writer.TryBeginWrite(out var slot))
            {
                Thread.Yield(); // every slot leased: a camera drops the frame and goes on
                continue;
            }
            RowPattern.Fill(slot.Span, height, stride, slot.Sequence);
            writer.Commit(slot, new FrameInfo(width, height, stride, PixelFormat.Rgb24,
                DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), stride * height) { StreamFrameIndex = frames - 1 });
        }
    }

    private static void Tick(FrameRingWriter writer, CancellationToken stop)
    {
        while (!stop.WaitHandle.WaitOne(50))
        {
            int freed = writer.ReleaseDeadClaims();
            if (freed > 0) Console.WriteLine($"RECLAIMED {freed}");
            writer.ExpireLeases(TimeSpan.FromSeconds(10));
        }
    }

    private static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);
}
