namespace Valkka.Actors.Tests.Clients;

/// <summary>A client's rate gate on the capture times a camera delivers (whole milliseconds).</summary>
public sealed class FrameRateGateTests
{
    private static long[] Taken(double fps, IEnumerable<long> times)
    {
        var gate = new FrameRateGate(fps);
        return times.Where(gate.Wants).ToArray();
    }

    // What a camera serving 1 fps of a 25 fps stream with B-frames delivers: the due frame, or when it is a
    // skipped B-frame the next (reference) frame, 40 ms late.
    [Theory]
    [InlineData(1, 40)]
    [InlineData(1, 0)]
    [InlineData(5, 40)]
    [InlineData(5, 0)]
    public void A_client_at_the_cameras_rate_takes_every_frame_however_late_each_is_within_a_B_frame(double fps, long firstLate)
    {
        var interval = (long)(1000 / fps);
        var times = Enumerable.Range(0, 40).Select(i => 5_000 + i * interval + (i % 2 == 0 ? firstLate : 40 - firstLate)).ToArray();
        Assert.Equal(times, Taken(fps, times));
    }

    [Theory]
    [InlineData(5, 200)]
    [InlineData(1, 1000)]
    [InlineData(3, 320)]   // 333 ms on a 40 ms grid: 320 or 360
    public void A_client_below_the_cameras_rate_takes_its_rate_evenly_spaced(double fps, long shortestGap)
    {
        var times = Enumerable.Range(0, 25 * 20).Select(i => 5_000 + i * 40L).ToArray();   // 20 s at 25 fps
        var taken = Taken(fps, times);
        Assert.InRange(taken.Length, 20 * fps - 1, 20 * fps + 1);
        var gaps = taken.Zip(taken.Skip(1), (a, b) => b - a).ToArray();
        Assert.All(gaps, g => Assert.InRange(g, shortestGap, shortestGap + 40));
    }
}
