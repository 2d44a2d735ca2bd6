using Valkka.Media.Decoding;
using Valkka.Media.Frames;

namespace Valkka.Media.Tests;

/// <summary>The read/decode/scale loop allocates nothing per frame (measured on the decoder thread).</summary>
public sealed class HotPathAllocationTests
{
    private sealed unsafe class AllocationProbe(int fromFrame, int toFrame) : IFrameTarget, IDisposable
    {
        private readonly byte* _buffer = (byte*)System.Runtime.InteropServices.NativeMemory.Alloc(640 * 3 * 360);
        private long _frames;
        public long AllocatedAtStart = -1, AllocatedAtEnd = -1;
        public volatile bool Done;

        public bool TryBeginFrame(int width, int height, out byte* destination, out int stride)
        {
            destination = _buffer;
            stride = width * 3;
            return true;
        }

        public void CommitFrame(long timestampMs)
        {
            _frames++;
            if (_frames == fromFrame) AllocatedAtStart = GC.GetAllocatedBytesForCurrentThread();
            if (_frames == toFrame) { AllocatedAtEnd = GC.GetAllocatedBytesForCurrentThread(); Done = true; }
        }

        public void AbortFrame() { }
        public void Dispose() => System.Runtime.InteropServices.NativeMemory.Free(_buffer);
    }

    [Theory]
    [InlineData("h264", 640)]
    [InlineData("h264", 634)]   // right-edge strip and last-rows paths of FrameScaler
    [InlineData("h264", 640, DecodeMode.Reference, 12.5)]
    [InlineData("h264", 640, DecodeMode.Auto, 2.0)]
    public void DecodingFramesAllocatesNoManagedMemory(string codec, int width, DecodeMode mode = DecodeMode.All, double fps = double.PositiveInfinity)
    {
        using var dir = new TempDirectory();
        var clip = dir.File("clip.mp4");
        Ffmpeg.MakeClip(clip, width, 360, 25, 60, codec);
        // Measured after the 60-frame clip's first loop: a path's first run (JIT, lazy statics) may
        // allocate once; every later frame and loop must not.
        using var probe = new AllocationProbe(70, 110);
        using var decoder = new CameraDecoder(new DecoderOptions(clip) { Loop = true, Decode = mode }, probe);
        decoder.SetWantedRate(fps);
        decoder.Start();
        Assert.True(Wait.Until(() => probe.Done, TimeSpan.FromSeconds(60)), decoder.Status.ToString());
        decoder.Stop();
        Assert.Equal(0, probe.AllocatedAtEnd - probe.AllocatedAtStart);
    }
}
