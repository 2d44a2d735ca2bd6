using System.Diagnostics;
using Valkka.Media.Pacing;

namespace Valkka.Media.Tests;

/// <summary>When a paced file or synthetic camera releases each frame, and which capture time it gets.</summary>
public sealed class FramePacerTests
{
    private static long NowUnixMs() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    [Fact]
    public void A_frame_is_never_released_before_its_due_time()
    {
        var pacer = new FramePacer(1 / 90_000.0, 1001 / 30.0);   // 29.97 fps in a 90 kHz time base: 33.37 ms apart
        using var stop = new ManualResetEventSlim();
        var clock = Stopwatch.StartNew();   // started before the schedule's origin: it can only add time
        Assert.True(pacer.WaitFor(0, stop, out _));
        for (var i = 1; i <= 30; i++)
        {
            Assert.True(pacer.WaitFor(i * 3003L, stop, out _));
            var dueMs = i * 3003 / 90.0;
            var releasedMs = clock.Elapsed.TotalMilliseconds;
            Assert.True(releasedMs >= dueMs, $"frame {i} was released {dueMs - releasedMs:0.000} ms before it was due");
        }
    }

    [Fact]
    public void A_frame_is_stamped_with_its_due_time_at_or_before_its_release()
    {
        var pacer = new FramePacer(0.001, 40);   // pts in ms, 25 fps
        using var stop = new ManualResetEventSlim();
        Assert.True(pacer.WaitFor(0, stop, out var first));
        for (var i = 1; i <= 10; i++)
        {
            if (i % 3 == 0) Thread.Sleep(25);   // the decoder thread is late for this frame (preempted, a slow decode)
            Assert.True(pacer.WaitFor(i * 40, stop, out var due));
            var released = NowUnixMs();
            Assert.Equal(first + i * 40, due);
            Assert.True(due <= released, $"frame {i} is stamped {due}, after its release at {released}");
        }
    }

    [Fact]
    public void A_loop_continues_the_capture_times_one_frame_after_the_last_frame_read_however_late_the_thread_is()
    {
        var pacer = new FramePacer(0.001, 40);
        using var stop = new ManualResetEventSlim();
        Assert.True(pacer.WaitFor(0, stop, out var first));
        long last = first;
        for (var i = 1; i <= 5; i++) Assert.True(pacer.WaitFor(i * 40, stop, out last));
        pacer.Restart();
        Thread.Sleep(60);   // seeking back and decoding the first frame took longer than a frame interval
        Assert.True(pacer.WaitFor(0, stop, out var afterLoop));
        // Due 40 ms after the last frame: the thread's lateness is not carried into the capture time. (The
        // wall-clock offset is taken afresh at the loop; rounding to whole ms leaves +-1.)
        Assert.InRange(afterLoop - last, 39, 41);
    }

    [Fact]
    public void Frames_without_pts_are_stamped_on_the_wall_clock_too()
    {
        var pacer = new FramePacer(0.001, 40);
        using var stop = new ManualResetEventSlim();
        var before = NowUnixMs();
        Assert.True(pacer.WaitFor(PtsClock.NoPts, stop, out var first));
        Assert.True(pacer.WaitFor(PtsClock.NoPts, stop, out var second));
        Assert.InRange(first, before - 1000, NowUnixMs());   // a wall-clock time (before, the offset was 0: 1970)
        Assert.Equal(40, second - first);
    }

    [Fact]
    public void A_stop_during_the_wait_ends_it_at_once()
    {
        var pacer = new FramePacer(0.001, 40);
        using var stop = new ManualResetEventSlim();
        Assert.True(pacer.WaitFor(0, stop, out _));
        var clock = Stopwatch.StartNew();
        stop.Set();
        Assert.False(pacer.WaitFor(60_000, stop, out _));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "the wait for a frame a minute away did not end on stop");
    }
}
