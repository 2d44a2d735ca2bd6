using System.Buffers.Binary;

namespace Valkka.Media.Sources;

/// <summary>
/// A raw RGB24 test pattern in which every row encodes the frame number: the first 8 bytes of a
/// row hold the frame number (little-endian), the rest of the row is a byte ramp that starts at a
/// value derived from the frame number and the row. A frame mixed from two writes (torn) or
/// corrupted anywhere fails <see cref="Verify"/>.
/// </summary>
public static class PatternFrames
{
    private const int HeaderBytes = 8;
    // 0..255 twice: any 256-byte window is a ramp starting anywhere.
    private static readonly byte[] Ramp = Enumerable.Range(0, 512).Select(i => (byte)i).ToArray();

    public static void Fill(Span<byte> dest, int w, int h, int stride, long frameNumber)
    {
        var rowBytes = CheckSize(dest.Length, w, h, stride);
        for (var y = 0; y < h; y++)
        {
            var row = dest.Slice(y * stride, rowBytes);
            BinaryPrimitives.WriteInt64LittleEndian(row, frameNumber);
            var start = RampStart(frameNumber, y);
            for (var x = HeaderBytes; x < rowBytes; x += 256)
            {
                var n = Math.Min(256, rowBytes - x);
                Ramp.AsSpan(start, n).CopyTo(row.Slice(x, n));
            }
        }
    }

    /// <summary>The frame number if every row agrees and is intact; null if torn or corrupt.</summary>
    public static long? Verify(ReadOnlySpan<byte> src, int w, int h, int stride)
    {
        var rowBytes = CheckSize(src.Length, w, h, stride);
        var frameNumber = BinaryPrimitives.ReadInt64LittleEndian(src);
        for (var y = 0; y < h; y++)
        {
            var row = src.Slice(y * stride, rowBytes);
            if (BinaryPrimitives.ReadInt64LittleEndian(row) != frameNumber) return null;
            var start = RampStart(frameNumber, y);
            for (var x = HeaderBytes; x < rowBytes; x += 256)
            {
                var n = Math.Min(256, rowBytes - x);
                if (!row.Slice(x, n).SequenceEqual(Ramp.AsSpan(start, n))) return null;
            }
        }
        return frameNumber;
    }

    private static int RampStart(long frameNumber, int y) => (int)((ulong)(frameNumber * 7 + y * 3) & 0xFF);

    private static int CheckSize(int length, int w, int h, int stride)
    {
        var rowBytes = w * 3;
        if (w < 3 || h < 1) throw new ArgumentOutOfRangeException(nameof(w), $"pattern frame {w}x{h} too small (at least 3x1)");
        if (stride < rowBytes) throw new ArgumentOutOfRangeException(nameof(stride), $"stride {stride} < width*3 = {rowBytes}");
        var needed = (long)stride * (h - 1) + rowBytes;
        if (length < needed) throw new ArgumentException($"buffer of {length} bytes is smaller than a {w}x{h} frame with stride {stride} ({needed} bytes)");
        return rowBytes;
    }
}
