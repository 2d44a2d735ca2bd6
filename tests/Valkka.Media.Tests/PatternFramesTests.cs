using Valkka.Media.Decoding;
using Valkka.Media.Sessions;
using Valkka.Media.Sources;
using Valkka.Media.Tests.Support;

namespace Valkka.Media.Tests;

public sealed class PatternFramesTests
{
    [Theory]
    [InlineData(640, 480, 640 * 3)]
    [InlineData(333, 17, 333 * 3 + 5)]
    public void FillThenVerifyGivesTheFrameNumberBack(int w, int h, int stride)
    {
        var buffer = new byte[stride * h];
        foreach (var n in new long[] { 0, 1, 255, 256, 123456789012 })
        {
            PatternFrames.Fill(buffer, w, h, stride, n);
            Assert.Equal(n, PatternFrames.Verify(buffer, w, h, stride));
        }
    }

    [Fact]
    public void ATornFrameIsDetected()
    {
        const int w = 64, h = 48, stride = w * 3;
        var older = new byte[stride * h];
        var newer = new byte[stride * h];
        PatternFrames.Fill(older, w, h, stride, 7);
        PatternFrames.Fill(newer, w, h, stride, 8);
        newer.AsSpan(0, stride * 20).CopyTo(older);      // top rows from frame 8, the rest from 7
        Assert.Null(PatternFrames.Verify(older, w, h, stride));
    }

    [Fact]
    public void OneCorruptByteIsDetected()
    {
        const int w = 64, h = 48, stride = w * 3;
        var frame = new byte[stride * h];
        PatternFrames.Fill(frame, w, h, stride, 42);
        frame[stride * 30 + 100] ^= 1;
        Assert.Null(PatternFrames.Verify(frame, w, h, stride));
    }

    [Fact]
    public void ConsecutiveFramesDifferInEveryRow()
    {
        const int w = 16, h = 4, stride = w * 3;
        var a = new byte[stride * h];
        var b = new byte[stride * h];
        PatternFrames.Fill(a, w, h, stride, 1);
        PatternFrames.Fill(b, w, h, stride, 2);
        for (var y = 0; y < h; y++)
            Assert.False(a.AsSpan(y * stride, stride).SequenceEqual(b.AsSpan(y * stride, stride)));
    }

    [Fact]
    public void TooSmallBufferIsAnErrorNamingTheSizes()
    {
        var e = Assert.Throws<ArgumentException>(() => PatternFrames.Fill(new byte[100], 64, 48, 192, 1));
        Assert.Contains("64x48", e.Message);
    }

    [Fact]
    public void PatternUrlProducesVerifiableFramesInOrder()
    {
        using var target = new CaptureTarget(keepFrames: 20);
        using var decoder = new CameraDecoder(new DecoderOptions("pattern://?size=320x200&fps=100"), target);
        var status = new StatusRecorder(decoder);
        decoder.Start();
        Assert.True(Wait.Until(() => target.KeptCount >= 20, TimeSpan.FromSeconds(30)), status.Describe());
        decoder.Stop();
        var numbers = target.Kept.Take(20).Select(f => PatternFrames.Verify(f, 320, 200, 320 * 3)).ToList();
        Assert.Equal(Enumerable.Range(0, 20).Select(i => (long?)i), numbers);
        Assert.Equal([CameraState.Connecting, CameraState.Streaming, CameraState.Stopped], status.Seen.Select(s => s.State));
    }

    [Fact]
    public void FramesTheTargetRefusesAreCountedAsDropped()
    {
        using var target = new CaptureTarget { Refuse = true };
        using var decoder = new CameraDecoder(new DecoderOptions("pattern://?size=64x48&fps=0"), target);
        decoder.Start();
        Assert.True(Wait.Until(() => decoder.FramesDropped >= 100, TimeSpan.FromSeconds(30)));
        decoder.Stop();
        Assert.Equal(0, target.Committed);
        Assert.Equal(decoder.FramesDecoded, decoder.FramesDropped);
    }
}
