using System.Globalization;

namespace Valkka.Shm.TestProcess;

/// <summary>
/// reader RING_PATH INDEX LOG SEED: attaches, prints "ATTACHED", then follows the announcement log
/// with random processing delays, like a client actor with little credit: when it falls behind it
/// skips to a recent announcement (the skipped ones count as dropped). Every leased frame is checked
/// in full when leased and again when released (it keeps up to two leases at a time). Finally prints
/// "RESULT announced delivered stale dropped torn tornWhileHeld".
/// </summary>
internal static class ReaderMode
{
    public static int Run(string[] args)
    {
        string path = args[0];
        int index = int.Parse(args[1], CultureInfo.InvariantCulture);
        string logPath = args[2];
        var random = new Random(int.Parse(args[3], CultureInfo.InvariantCulture));

        using var reader = FrameRingReader.Attach(path, index);
        using var log = AnnouncementLog.Open(logPath);
        Console.WriteLine("ATTACHED");

        long next = 0, delivered = 0, stale = 0, dropped = 0, torn = 0, tornWhileHeld = 0;
        var held = new Queue<FrameLease>();
        while (true)
        {
            bool done = log.Done; // read before the count: no announcement comes after done
            long count = log.Count;
            if (next == count)
            {
                if (done)
                {
                    break;
                }
                Thread.Sleep(1);
                continue;
            }
            long backlog = count - next;
            if (backlog > random.Next(2, 2 * reader.SlotCount))
            {
                long target = count - 1 - random.Next(0, (int)Math.Min(backlog, reader.SlotCount + 2L));
                dropped += target - next;
                next = target;
            }
            var (slot, sequence) = log[next++];
            if (reader.TryLease(slot, sequence, out var lease) == LeaseResult.Stale)
            {
                stale++;
                continue;
            }
            if (Intact(lease, sequence))
            {
                delivered++;
            }
            else
            {
                torn++;
            }
            held.Enqueue(lease);
            if (held.Count > 2)
            {
                tornWhileHeld += ReleaseChecked(reader, held.Dequeue());
            }
            int pause = random.Next(0, 6);
            if (pause >= 4)
            {
                Thread.Sleep(pause - 3); // 1-2 ms of "processing"
            }
        }
        while (held.Count > 0)
        {
            tornWhileHeld += ReleaseChecked(reader, held.Dequeue());
        }
        if (reader.Stale != stale)
        {
            throw new InvalidOperationException($"reader counted {reader.Stale} stale, this loop {stale}");
        }
        Console.WriteLine($"RESULT {log.Count} {delivered} {stale} {dropped} {torn} {tornWhileHeld}");
        return 0;
    }

    private static bool Intact(in FrameLease lease, long sequence)
    {
        var info = lease.Info;
        return info.Format == PixelFormat.Rgb24 && info.TimestampMs == sequence &&
               info.Length == info.Height * info.Stride && lease.Sequence == sequence &&
               RowPattern.Verify(lease.Pixels, info.Height, info.Stride, sequence);
    }

    /// <summary>Checks the frame is still intact after being held, then releases; 1 when it was not.</summary>
    private static int ReleaseChecked(FrameRingReader reader, in FrameLease lease)
    {
        bool intact = Intact(lease, lease.Sequence);
        reader.Release(lease);
        return intact ? 0 : 1;
    }
}
