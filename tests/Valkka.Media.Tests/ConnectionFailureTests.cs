using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Valkka.Media.Decoding;
using Valkka.Media.Sessions;
using Valkka.Media.Tests.Support;

namespace Valkka.Media.Tests;

/// <summary>Sources that never deliver: the decoder reports it within its timeouts and stops promptly.</summary>
public sealed class ConnectionFailureTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private static DecoderOptions Quick(string url) => new(url)
    {
        OpenTimeout = TimeSpan.FromSeconds(1), ReadTimeout = TimeSpan.FromSeconds(1),
        ReconnectInitialDelay = TimeSpan.FromMilliseconds(100), ReconnectMaxDelay = TimeSpan.FromMilliseconds(200),
        MaxReconnectAttempts = 2,
    };

    [Fact]
    public void UnreachablePortReconnectsThenFails()
    {
        var url = $"rtsp://127.0.0.1:{FreeTcpPort.Pick()}/cam1";   // nothing listens there
        using var target = new CaptureTarget();
        using var decoder = new CameraDecoder(Quick(url), target);
        var status = new StatusRecorder(decoder);
        decoder.Start();
        Assert.True(Wait.Until(() => decoder.Status.State == CameraState.Failed, Deadline), status.Describe());

        Assert.Equal(2, status.Count(CameraState.Reconnecting));
        Assert.Contains("Connection refused", status.First(CameraState.Reconnecting)!.Reason);
        Assert.Contains("gave up after 2", decoder.Status.Reason);
        Assert.Equal(0, target.Committed);
    }

    [Fact]
    public void UnroutableHostFailsWithinTheTimeoutsInsteadOfHanging()
    {
        // 10.255.255.1: SYNs go nowhere (or the network is unreachable at once, without a route).
        using var target = new CaptureTarget();
        using var decoder = new CameraDecoder(Quick("rtsp://10.255.255.1:554/cam1"), target);
        var status = new StatusRecorder(decoder);
        decoder.Start();
        Assert.True(Wait.Until(() => decoder.Status.State == CameraState.Failed, Deadline), status.Describe());
        Assert.Equal(2, status.Count(CameraState.Reconnecting));
        Assert.Contains("10.255.255.1", status.First(CameraState.Reconnecting)!.Reason);
    }

    [Fact]
    public void PortThatAcceptsButNeverAnswersTimesOutInsteadOfHanging()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();   // the kernel completes the handshake; nobody ever answers
        var url = $"rtsp://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}/cam1";
        using var target = new CaptureTarget();
        using var decoder = new CameraDecoder(Quick(url), target);
        var status = new StatusRecorder(decoder);
        decoder.Start();
        Assert.True(Wait.Until(() => decoder.Status.State == CameraState.Failed, Deadline), status.Describe());
        var reason = status.First(CameraState.Reconnecting)!.Reason ?? "";
        Assert.True(reason.Contains("timeout", StringComparison.Ordinal), $"reconnecting reason without 'timeout': {reason}");
    }

    [Fact]
    public void StopReturnsPromptlyWhileBlockedInOpen()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var url = $"rtsp://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}/cam1";
        using var target = new CaptureTarget();
        var options = new DecoderOptions(url) { OpenTimeout = TimeSpan.FromMinutes(10), ReadTimeout = TimeSpan.FromMinutes(10) };
        using var decoder = new CameraDecoder(options, target);
        decoder.Start();
        using var accepted = silent.AcceptTcpClient();   // the decoder is now connected and waiting for an answer
        var stop = Task.Run(decoder.Stop);
        Assert.True(Wait.Until(() => stop.IsCompleted, Deadline), "Stop() did not return while the decoder was blocked in avformat_open_input");
        Assert.Equal(CameraState.Stopped, decoder.Status.State);
    }

    [Fact]
    public void StopReturnsPromptlyWhileBlockedInRead()
    {
        using var server = new RtspServer("/cam1", "--size", "160x120", "--fps", "5");
        using var target = new CaptureTarget();
        var options = new DecoderOptions(server.Url) { ReadTimeout = TimeSpan.FromMinutes(10), StallTimeout = TimeSpan.FromMinutes(10) };
        using var decoder = new CameraDecoder(options, target);
        decoder.Start();
        Assert.True(Wait.Until(() => target.CommittedCount >= 2, Deadline));
        // At 5 fps the decoder spends nearly all its time blocked in av_read_frame.
        var stop = Task.Run(decoder.Stop);
        Assert.True(Wait.Until(() => stop.IsCompleted, Deadline), "Stop() did not return while the decoder was blocked in a read");
        Assert.Equal(CameraState.Stopped, decoder.Status.State);
    }

    [Fact]
    public void GarbageFileFailsWithAClearError()
    {
        using var dir = new TempDirectory();
        var path = dir.File("garbage.mp4");
        var bytes = new byte[64 * 1024];
        new Random(42).NextBytes(bytes);
        File.WriteAllBytes(path, bytes);
        using var target = new CaptureTarget();
        using var decoder = new CameraDecoder(new DecoderOptions(path), target);
        var status = new StatusRecorder(decoder);
        decoder.Start();
        Assert.True(Wait.Until(() => decoder.Status.State == CameraState.Failed, Deadline), status.Describe());
        Assert.Contains(path, decoder.Status.Reason);
        Assert.Contains("Invalid data", decoder.Status.Reason);
        Assert.Equal(0, status.Count(CameraState.Reconnecting));
    }

    [Fact]
    public void MissingFileFailsNamingTheFile()
    {
        var path = $"/nonexistent-{Guid.NewGuid():N}.mp4";
        using var target = new CaptureTarget();
        using var decoder = new CameraDecoder(new DecoderOptions(path), target);
        decoder.Start();
        Assert.True(Wait.Until(() => decoder.Status.State == CameraState.Failed, Deadline));
        Assert.Contains(path, decoder.Status.Reason);
        Assert.Contains("No such file", decoder.Status.Reason);
    }
}
