using System.Diagnostics;

namespace Valkka.Shm.Tests;

/// <summary>One thread sleeps on several rings' doorbells and its own wake word at once (futex_waitv).</summary>
public sealed class RingWaiterTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(20);

    [Fact]
    public void The_machine_running_the_tests_has_futex_waitv()
    {
        // Nodes fall back to a thread per ring without it; the tests of this class need the real call.
        Assert.True(RingWaiter.IsSupported, "futex_waitv (Linux 5.16+) is missing: RingWaiter cannot be tested here");
    }

    [Fact]
    public void A_commit_on_any_ring_wakes_the_waiter()
    {
        using var first = TestRings.Create();
        using var second = TestRings.Create();
        using var firstReader = FrameRingReader.Attach(first.Path, first.RegisterReader());
        using var secondReader = FrameRingReader.Attach(second.Path, second.RegisterReader());
        var waiter = new RingWaiter();

        // Ping-pong over the second ring: each round must end by the commit, never by the 20 s timeout.
        for (int round = 1; round <= 200; round++)
        {
            long after = secondReader.Latest.Sequence;
            var sleeper = StartWait(waiter, [new RingWait(firstReader, 0), new RingWait(secondReader, after)], Long);
            TestRings.WriteFrame(second, (byte)round);
            Assert.True(sleeper.Join(Long), $"round {round}: the commit did not wake the waiter");
        }
        Assert.Equal(0, first.FramesWritten);
    }

    [Fact]
    public void An_append_to_a_message_queue_wakes_the_waiter_until_the_reader_took_it()
    {
        using var writer = TestRings.CreateQueue();
        using var reader = MessageQueueReader.Attach(writer.Path, writer.ReaderIndex);
        var waiter = new RingWaiter();

        for (int round = 1; round <= 200; round++)
        {
            var sleeper = StartWait(waiter, [reader.Awaited], Long);
            Assert.True(writer.TryAppend([(byte)round]));
            Assert.True(sleeper.Join(Long), $"round {round}: the append did not wake the waiter");
            Assert.True(reader.TryTake(out _));
            reader.Release();
        }
        Assert.Equal(2 * 200, reader.Awaited.AfterSequence); // taken messages are not waited for again
    }

    [Fact]
    public void Wake_from_another_thread_ends_the_wait_without_a_frame()
    {
        using var writer = TestRings.Create();
        using var reader = FrameRingReader.Attach(writer.Path, writer.RegisterReader());
        var waiter = new RingWaiter();
        var clock = Stopwatch.StartNew();

        var sleeper = StartWait(waiter, [new RingWait(reader, 0)], TimeSpan.FromMinutes(5));
        // Wake until it is out: a Wake before it fell asleep changes WakeCount, which ends the wait too,
        // but this thread cannot tell the two apart.
        while (!sleeper.Join(TimeSpan.FromMilliseconds(20))) waiter.Wake();

        Assert.True(clock.Elapsed < TimeSpan.FromMinutes(1));
        Assert.Equal(0, reader.Latest.Sequence);
    }

    [Fact]
    public void A_wake_before_the_wait_is_not_lost()
    {
        using var writer = TestRings.Create();
        using var reader = FrameRingReader.Attach(writer.Path, writer.RegisterReader());
        var waiter = new RingWaiter();
        int seen = waiter.WakeCount;
        waiter.Wake();
        var clock = Stopwatch.StartNew();

        waiter.Wait(seen, [new RingWait(reader, 0)], TimeSpan.FromMinutes(5));

        Assert.True(clock.Elapsed < TimeSpan.FromMinutes(1));
    }

    [Fact]
    public void A_frame_already_past_the_awaited_sequence_returns_at_once_and_leaves_no_waiter_counted()
    {
        using var writer = TestRings.Create();
        using var reader = FrameRingReader.Attach(writer.Path, writer.RegisterReader());
        var written = TestRings.WriteFrame(writer, 7);
        var waiter = new RingWaiter();
        var clock = Stopwatch.StartNew();

        waiter.Wait(waiter.WakeCount, [new RingWait(reader, written.Sequence - 2)], TimeSpan.FromMinutes(5));

        Assert.True(clock.Elapsed < TimeSpan.FromMinutes(1));
        Assert.Equal(0, reader.DoorbellWaiterCount);
    }

    [Fact]
    public void Without_a_frame_or_a_wake_the_wait_ends_at_its_timeout_and_uncounts_itself()
    {
        using var writer = TestRings.Create();
        using var first = FrameRingReader.Attach(writer.Path, writer.RegisterReader());
        using var second = FrameRingReader.Attach(writer.Path, writer.RegisterReader());
        var waiter = new RingWaiter();
        var sleeper = StartWait(waiter, [new RingWait(first, 0)], TimeSpan.FromMilliseconds(300));

        // While it sleeps it is counted on the ring (so a commit would wake it); after the timeout it is not.
        Wait.Until(() => second.DoorbellWaiterCount == 1 || !sleeper.IsAlive, Long);
        Assert.True(sleeper.Join(TimeSpan.FromMinutes(1)), "the wait did not end at its timeout");
        Assert.Equal(0, second.DoorbellWaiterCount);
    }

    [Fact]
    public void More_rings_than_one_call_can_cover_are_refused()
    {
        using var writer = TestRings.Create();
        using var reader = FrameRingReader.Attach(writer.Path, writer.RegisterReader());
        var waits = Enumerable.Repeat(new RingWait(reader, 0), RingWaiter.MaxRings + 1).ToArray();

        Assert.Throws<ArgumentException>(() => new RingWaiter().Wait(0, waits, TimeSpan.Zero));
    }

    private static Thread StartWait(RingWaiter waiter, RingWait[] waits, TimeSpan timeout)
    {
        int seen = waiter.WakeCount;
        var thread = new Thread(() => waiter.Wait(seen, waits, timeout)) { IsBackground = true };
        thread.Start();
        return thread;
    }
}
