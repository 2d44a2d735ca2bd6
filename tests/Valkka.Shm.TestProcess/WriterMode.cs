using System.Globalization;

namespace Valkka.Shm.TestProcess;

/// <summary>
/// writer TOPOLOGY RING SLOTS WIDTH HEIGHT FRAMES LOG READERS FPS: creates the ring and the announcement
/// log, registers the readers, prints "READY path indices", waits for "GO", commits FRAMES RGB24
/// frames (every row encodes the sequence) at about FPS frames a second (0: as fast as it can), prints "WRITTEN committed dropped attempts", then owns
/// the ring until "EXIT" or end of input.
/// </summary>
internal static class WriterMode
{
    public static int Run(string[] args)
    {
        string topology = args[0], ring = args[1];
        int slots = Int(args[2]), width = Int(args[3]), height = Int(args[4]), frames = Int(args[5]);
        string logPath = args[6];
        int readers = Int(args[7]);
        double fps = Int(args[8]);
        int stride = width * 3;
        int length = stride * height;

        using var writer = FrameRingWriter.Create(topology, ring, slots, length);
        using var log = AnnouncementLog.Create(logPath, frames);
        var indices = Enumerable.Range(0, readers).Select(_ => writer.RegisterReader());
        Console.WriteLine($"READY {writer.Path} {string.Join(',', indices)}");
        if (Console.ReadLine() != "GO")
        {
            return 2;
        }

        long committed = 0, dropped = 0, attempts = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (committed < frames)
        {
            if (fps > 0 && committed > clock.Elapsed.TotalSeconds * fps)
            {
                Thread.Sleep(1); // ahead of the frame rate
                continue;
            }
            attempts++;
            if (!writer.TryBeginWrite(out var slot))
            {
                dropped++;
                Thread.Yield(); // a camera would just lose this frame and go on with the next
                continue;
            }
            RowPattern.Fill(slot.Span, height, stride, slot.Sequence);
            long sequence = writer.Commit(slot, new FrameInfo(width, height, stride, PixelFormat.Rgb24, slot.Sequence, length));
            log.Append(slot.Slot, sequence);
            committed++;
        }
        log.MarkDone();
        Console.WriteLine($"WRITTEN {committed} {dropped} {attempts} {writer.FramesWritten} {writer.FramesDropped}");

        while (Console.ReadLine() is { } line && line != "EXIT")
        {
        }
        return 0;
    }

    private static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);
}
