using System.Runtime.InteropServices;

namespace Valkka.Shm.Tests;

/// <summary>
/// Hammers the window the Dekker handshake closes: readers lease the slots the writer is about to
/// pick, on other threads, hundreds of thousands of times, with small frames so the races are dense.
/// </summary>
public sealed class ConcurrentLeaseRaceTests
{
    private const int Frames = 200_000;
    private const int Slots = 3;
    private const int FrameBytes = 4096;

    [Fact]
    public void Readers_racing_the_writer_for_the_same_slots_never_read_a_frame_being_written()
    {
        using var writer = TestRings.Create(Slots, FrameBytes);
        var announcements = new long[Frames]; // slot | sequence << 8
        long announced = 0;
        bool done = false;
        var readers = Enumerable.Range(0, 2).Select(_ => FrameRingReader.Attach(writer.Path, writer.RegisterReader())).ToArray();
        try
        {
            var results = new (long Leased, long Stale, long Torn)[readers.Length];
            var threads = readers.Select((reader, i) => new Thread(() =>
            {
                var random = new Random(i);
                long leased = 0, stale = 0, torn = 0;
                while (!Volatile.Read(ref done))
                {
                    long count = Volatile.Read(ref announced);
                    if (count == 0)
                    {
                        continue;
                    }
                    long entry = announcements[Math.Max(0, count - 1 - random.Next(Slots + 1))];
                    int slot = (int)(entry & 0xFF);
                    long sequence = entry >> 8;
                    if (reader.TryLease(slot, sequence, out var lease) == LeaseResult.Stale)
                    {
                        stale++;
                        continue;
                    }
                    leased++;
                    if (!Intact(lease.Pixels, sequence))
                    {
                        torn++;
                    }
                    Thread.SpinWait(random.Next(50));
                    if (!Intact(lease.Pixels, sequence))
                    {
                        torn++;
                    }
                    reader.Release(lease);
                }
                results[i] = (leased, stale, torn);
            })).ToArray();
            foreach (var thread in threads)
            {
                thread.Start();
            }

            long dropped = 0;
            for (int n = 0; n < Frames;)
            {
                if (!writer.TryBeginWrite(out var slot))
                {
                    dropped++;
                    continue;
                }
                MemoryMarshal.Cast<byte, long>(slot.Span[..FrameBytes]).Fill(slot.Sequence);
                long sequence = writer.Commit(slot, new FrameInfo(64, 64, 64, PixelFormat.Gray8, 0, FrameBytes));
                announcements[n++] = (long)(uint)slot.Slot | (sequence << 8);
                Volatile.Write(ref announced, n);
            }
            Volatile.Write(ref done, true);
            Assert.All(threads, thread => Assert.True(thread.Join(TimeSpan.FromMinutes(1))));

            foreach (var (leased, stale, torn) in results)
            {
                Assert.Equal(0, torn);
                Assert.True(leased > 0);
                Assert.True(stale > 0);
            }
            Assert.Equal(Frames, writer.FramesWritten);
            Assert.Equal(dropped, writer.FramesDropped);
        }
        finally
        {
            Volatile.Write(ref done, true);
            foreach (var reader in readers)
            {
                reader.Dispose();
            }
        }
    }

    private static bool Intact(ReadOnlySpan<byte> pixels, long sequence) =>
        pixels.Length == FrameBytes && MemoryMarshal.Cast<byte, long>(pixels).IndexOfAnyExcept(sequence) < 0;
}
