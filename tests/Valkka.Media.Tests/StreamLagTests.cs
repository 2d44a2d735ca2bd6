using Valkka.Media.Pacing;

namespace Valkka.Media.Tests;

/// <summary>How far behind real time a live stream is read, from its packets' arrival against their pts.</summary>
public sealed class StreamLagTests
{
    private const double TimeBase = 1 / 90_000.0;

    [Fact]
    public void A_camera_clock_slower_than_ours_does_not_make_a_stream_that_keeps_up_look_late()
    {
        // 3 hours of 25 fps from a camera whose clock runs 100 ppm slow: its pts fall behind our clock by 1 s.
        var lag = new StreamLag(null, live: true, TimeBase);
        double most = 0;
        for (long n = 0; n < 3 * 3600 * 25; n++)
        {
            var pts = n * 3600;   // 40 ms in 90 kHz
            var arrivalMs = 1_000_000 + (long)(n * 40 * 1.0001);
            most = Math.Max(most, lag.Seconds(pts, arrivalMs));
        }
        Assert.True(most < 0.05, $"a stream read in real time looked {most:0.###} s late");
    }

    [Fact]
    public void A_decoder_that_falls_behind_is_seen_late()
    {
        // Read at 90 % of real time for 20 s: 2 s behind by the end.
        var lag = new StreamLag(null, live: true, TimeBase);
        double late = 0;
        for (long n = 0; n < 500; n++)
            late = lag.Seconds(n * 3600, 1_000_000 + (long)(n * 40 / 0.9));
        Assert.InRange(late, 2.1, 2.3);
    }

    [Fact]
    public void A_stall_shows_at_once_as_its_length()
    {
        var lag = new StreamLag(null, live: true, TimeBase);
        for (long n = 0; n < 100; n++) Assert.Equal(0, lag.Seconds(n * 3600, 1_000_000 + n * 40), 3);
        // 3 s without CPU: the buffered packets are read at once, 3 s late.
        Assert.InRange(lag.Seconds(100 * 3600, 1_000_000 + 100 * 40 + 3000), 2.99, 3.01);
    }
}
