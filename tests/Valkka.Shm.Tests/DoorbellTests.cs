using System.Globalization;
using Valkka.Shm.TestProcess;
using Xunit.Abstractions;

namespace Valkka.Shm.Tests;

/// <summary>A reader waits on the ring's futex doorbell instead of being told about frames.</summary>
public sealed class DoorbellTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(20);

    [Fact]
    public void Latest_names_the_newest_committed_frame()
    {
        using var writer = TestRings.Create(slotCount: 3);
        using var reader = FrameRingReader.Attach(writer.Path, writer.RegisterReader());
        Assert.Equal(0, reader.Latest.Sequence);

        TestRings.WriteFrame(writer, 1);
        var second = TestRings.WriteFrame(writer, 2);

        Assert.Equal(new FrameAnnouncement(second.Slot, second.Sequence), reader.Latest);
        Assert.True(reader.WaitForFrame(0, Long, out var frame));
        Assert.Equal(second.Sequence, frame.Sequence);
    }

    [Fact]
    public void Frames_committed_since_a_sequence_are_collected_oldest_first_while_still_in_the_ring()
    {
        using var writer = TestRings.Create(slotCount: 3);
        using var reader = FrameRingReader.Attach(writer.Path, writer.RegisterReader());
        var written = Enumerable.Range(1, 5).Select(i => TestRings.WriteFrame(writer, (byte)i)).ToList(); // 1 and 2 overwritten
        var frames = new FrameAnnouncement[reader.SlotCount];

        int count = reader.CollectSince(written[1].Sequence, frames);

        Assert.Equal(written.Skip(2).Select(w => new FrameAnnouncement(w.Slot, w.Sequence)), frames[..count]);
        Assert.Equal(1, reader.CollectSince(written[3].Sequence, frames));
        Assert.Equal(0, reader.CollectSince(written[4].Sequence, frames));
        Assert.Throws<ArgumentException>(() => reader.CollectSince(0, new FrameAnnouncement[2]));
    }

    [Fact]
    public void Waiting_without_a_new_frame_ends_at_the_timeout_with_false()
    {
        using var writer = TestRings.Create();
        using var reader = FrameRingReader.Attach(writer.Path, writer.RegisterReader());
        var only = TestRings.WriteFrame(writer, 1);

        Assert.False(reader.WaitForFrame(only.Sequence, TimeSpan.FromMilliseconds(20), out var frame));
        Assert.Equal(only.Sequence, frame.Sequence);
    }

    [Fact]
    public void Interrupt_wakes_a_sleeping_reader_without_a_frame()
    {
        using var writer = TestRings.Create();
        using var reader = FrameRingReader.Attach(writer.Path, writer.RegisterReader());
        bool? result = null;
        var sleeper = new Thread(() => result = reader.WaitForFrame(0, TimeSpan.FromMinutes(5), out _));
        sleeper.Start();
        // Interrupt until the sleeper is out: the first call may come before it fell asleep.
        while (!sleeper.Join(TimeSpan.FromMilliseconds(20))) reader.Interrupt();

        Assert.False(result);
    }

    [Fact]
    public void The_late_ring_of_an_entry_already_taken_does_not_end_the_wait()
    {
        // A reader can take an entry from the slot table before its owner rings for it, and then wait
        // past it. That ring must not end the wait as if nothing came (the message queue's reader
        // failed "message N did not come" after a few ms of a 20 s wait).
        using var writer = TestRings.Create();
        using var reader = FrameRingReader.Attach(writer.Path, writer.RegisterReader());
        var first = TestRings.WriteFrame(writer, 1);
        long taken = first.Sequence + 2; // the next entry, as if taken before its ring
        bool? result = null;
        FrameAnnouncement woken = default;
        var sleeper = new Thread(() => result = reader.WaitForFrame(taken, TimeSpan.FromMinutes(5), out woken));
        sleeper.Start();
        SpinWait.SpinUntil(() => reader.DoorbellWaiterCount == 1, TimeSpan.FromSeconds(20));
        Assert.Equal(1, reader.DoorbellWaiterCount);

        Assert.Equal(taken, TestRings.WriteFrame(writer, 2).Sequence);
        // Nothing to wait for: the wrong outcome is a return within this window.
        Assert.False(sleeper.Join(TimeSpan.FromMilliseconds(200)), $"the wait ended on the ring of {taken} with {result}");
        var next = TestRings.WriteFrame(writer, 3);
        Assert.True(sleeper.Join(TimeSpan.FromSeconds(20)));

        Assert.True(result);
        Assert.Equal(next.Sequence, woken.Sequence);
        Assert.Equal(0, reader.DoorbellWaiterCount);
    }

    [Fact]
    public void Every_commit_wakes_a_reader_that_sleeps_on_the_doorbell()
    {
        // Ping-pong: the reader must see each frame from a sleep with a long timeout; a lost wake-up
        // would make WaitForFrame return false after 20 s instead of the frame.
        using var writer = TestRings.Create(slotCount: 2);
        using var reader = FrameRingReader.Attach(writer.Path, writer.RegisterReader());
        const int Rounds = 2000;
        using var seen = new SemaphoreSlim(0);
        var failures = new List<string>();
        var waiter = new Thread(() =>
        {
            long last = 0;
            for (int i = 0; i < Rounds; i++)
            {
                if (!reader.WaitForFrame(last, Long, out var frame) || frame.Sequence != last + 2)
                {
                    lock (failures) failures.Add($"round {i}: after {last} got {frame.Sequence}");
                    seen.Release();
                    return;
                }
                last = frame.Sequence;
                seen.Release();
            }
        });
        waiter.Start();
        for (int i = 0; i < Rounds && failures.Count == 0; i++)
        {
            TestRings.WriteFrame(writer, (byte)i);
            Assert.True(seen.Wait(Long + Long), $"the waiter did not report round {i}");
        }
        waiter.Join();

        Assert.Empty(failures);
    }

    [Fact]
    public void A_reader_in_another_process_is_woken_for_every_frame_or_sees_the_jump_and_reads_intact_pixels()
    {
        const int Frames = 1500, Width = 320, Height = 240, Fps = 500;
        string topology = TestRings.NewTopology();
        string log = Path.Combine(Path.GetTempPath(), $"valkka-test-{topology}.announcements");
        try
        {
            using var writer = ShmTestProcess.Start("writer", topology, "cam", S(4), S(Width), S(Height), S(Frames), log, S(1), S(Fps));
            string[] ready = writer.Expect("READY");
            using var reader = FrameRingReader.Attach(ready[1], int.Parse(ready[2], CultureInfo.InvariantCulture));
            writer.Send("GO");

            long last = 0, woken = 0, skipped = 0, leased = 0, stale = 0;
            while (last < 2L * Frames)
            {
                if (!reader.WaitForFrame(last, Long, out var frame))
                {
                    Assert.Fail($"no frame after sequence {last} within {Long}: a lost wake-up");
                }
                woken++;
                skipped += (frame.Sequence - last) / 2 - 1;
                last = frame.Sequence;
                if (reader.TryLease(frame.Slot, frame.Sequence, out var lease) == LeaseResult.Stale)
                {
                    stale++;
                    continue;
                }
                Assert.True(RowPattern.Verify(lease.Pixels, Height, Width * 3, frame.Sequence), $"frame {frame.Sequence} is not intact");
                reader.Release(lease);
                leased++;
            }
            writer.Expect("WRITTEN", Long);
            output.WriteLine($"woken {woken}, skipped {skipped}, leased {leased}, stale {stale}");

            Assert.Equal(Frames, woken + skipped); // every frame is either seen or counted in a jump
            Assert.Equal(woken, leased + stale);
            Assert.True(leased > Frames / 10, $"only {leased} of {Frames} frames leased");
            writer.Send("EXIT");
            Assert.Equal(0, writer.WaitForExit());
        }
        finally
        {
            File.Delete(log);
            File.Delete(RingPaths.For(topology, "cam"));
        }
    }

    private static string S(int value) => value.ToString(CultureInfo.InvariantCulture);
}
