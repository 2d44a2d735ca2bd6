using Valkka.Media.Decoding;
using Valkka.Media.Sessions;
using Valkka.Media.Tests.Support;

namespace Valkka.Media.Tests;

/// <summary>The decoder against GStreamer's RTSP server on 127.0.0.1: streaming and reconnecting.</summary>
[Trait("Speed", "Slow")]
public sealed class RtspDecodingTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(45);

    [Fact]
    public void DecodesAtLeastFiftyFramesOfTheServedSize()
    {
        using var server = new RtspServer("/cam1", "--size", "320x240", "--fps", "25");
        using var target = new CaptureTarget();
        using var decoder = new CameraDecoder(new DecoderOptions(server.Url), target);
        var status = new StatusRecorder(decoder);
        decoder.Start();
        Assert.True(Wait.Until(() => target.CommittedCount >= 50, Deadline), status.Describe());
        decoder.Stop();

        Assert.All(target.Sizes.ToList(), s => Assert.Equal((320, 240), s));
        Assert.Equal(CameraState.Connecting, status.Seen[0].State);
        Assert.Equal(CameraState.Streaming, status.Seen[1].State);
        Assert.Equal(CameraState.Stopped, decoder.Status.State);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        Assert.All(target.Timestamps.ToList(), t => Assert.InRange(t, now - 120_000, now + 5_000));
    }

    [Fact]
    public void DecodesHevcOverRtsp()
    {
        using var server = new RtspServer("/cam1", "--size", "320x240", "--fps", "25", "--codec", "h265");
        using var target = new CaptureTarget();
        using var decoder = new CameraDecoder(new DecoderOptions(server.Url), target);
        var status = new StatusRecorder(decoder);
        decoder.Start();
        Assert.True(Wait.Until(() => target.CommittedCount >= 20, Deadline), status.Describe());
        decoder.Stop();
        Assert.All(target.Sizes.ToList(), s => Assert.Equal((320, 240), s));
    }

    [Fact]
    public void ScalesToTheConfiguredSize()
    {
        using var server = new RtspServer("/cam1", "--size", "640x480", "--fps", "25");
        using var target = new CaptureTarget();
        using var decoder = new CameraDecoder(new DecoderOptions(server.Url) { Width = 426, Height = 240, Threads = 2 }, target);
        var status = new StatusRecorder(decoder);
        decoder.Start();
        Assert.True(Wait.Until(() => target.CommittedCount >= 10, Deadline), status.Describe());
        decoder.Stop();
        Assert.All(target.Sizes.ToList(), s => Assert.Equal((426, 240), s));
    }

    [Fact]
    public void ServerKilledAndRestartedReportsReconnectingThenStreamsAgain()
    {
        using var server = new RtspServer("/cam1", "--size", "320x240", "--fps", "25");
        using var target = new CaptureTarget();
        var options = new DecoderOptions(server.Url)
        {
            ReadTimeout = TimeSpan.FromSeconds(2), OpenTimeout = TimeSpan.FromSeconds(3),
            ReconnectInitialDelay = TimeSpan.FromMilliseconds(200), ReconnectMaxDelay = TimeSpan.FromSeconds(1),
        };
        using var decoder = new CameraDecoder(options, target);
        var status = new StatusRecorder(decoder);
        decoder.Start();
        Assert.True(Wait.Until(() => target.CommittedCount >= 10, Deadline), status.Describe());

        server.Stop();
        Assert.True(Wait.Until(() => status.Count(CameraState.Reconnecting) > 0, Deadline), status.Describe());
        var framesWhileDown = target.CommittedCount;
        server.Start();
        Assert.True(Wait.Until(() => status.Count(CameraState.Streaming) >= 2 && target.CommittedCount >= framesWhileDown + 10, Deadline),
            status.Describe());
        decoder.Stop();

        var states = status.Seen.Select(s => s.State).ToList();
        var firstReconnect = states.IndexOf(CameraState.Reconnecting);
        Assert.Equal(CameraState.Streaming, states[..firstReconnect].Last());
        Assert.Contains(CameraState.Streaming, states[firstReconnect..]);
        Assert.DoesNotContain(CameraState.Failed, states);
        Assert.False(string.IsNullOrWhiteSpace(status.Seen[firstReconnect].Reason));
    }

    [Fact]
    public void NoFrameForTheStallTimeoutReconnectsNamingTheStall()
    {
        // One frame a second against a 0.3 s stall timeout: every wait for the next frame is a stall.
        using var server = new RtspServer("/cam1", "--size", "160x120", "--fps", "1");
        using var target = new CaptureTarget();
        var options = new DecoderOptions(server.Url)
        {
            StallTimeout = TimeSpan.FromMilliseconds(300), ReadTimeout = TimeSpan.FromSeconds(20),
            OpenTimeout = TimeSpan.FromSeconds(20), ReconnectInitialDelay = TimeSpan.FromMilliseconds(100),
        };
        using var decoder = new CameraDecoder(options, target);
        var status = new StatusRecorder(decoder);
        decoder.Start();
        Assert.True(Wait.Until(() => status.Count(CameraState.Reconnecting) > 0, Deadline), status.Describe());
        decoder.Stop();
        Assert.Contains("stalled, no frame decoded for 0.3 s", status.First(CameraState.Reconnecting)!.Reason);
    }
}
