using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;

namespace Valkka.Samples;

/// <summary>
/// A small PNG writer for 8-bit RGB images: signature, IHDR, the zlib stream in IDAT chunks of 64 kB
/// (each row with the "Up" filter, which compresses camera frames well and is cheap), IEND. It
/// allocates nothing per image on the managed heap beyond the compressor's own state.
/// </summary>
public static class PngEncoder
{
    private static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Writes width x height RGB24 pixels (rows <paramref name="stride"/> bytes apart) as a PNG.</summary>
    public static void WriteRgb24(Stream output, ReadOnlySpan<byte> rgb, int width, int height, int stride,
        CompressionLevel level = CompressionLevel.Fastest)
    {
        if (width <= 0 || height <= 0)
            throw new ArgumentException($"PNG size must be positive, got {width}x{height}");
        var rowBytes = checked(width * 3);
        if (stride < rowBytes)
            throw new ArgumentException($"stride {stride} is smaller than a row of {rowBytes} bytes");
        if (rgb.Length < (long)stride * (height - 1) + rowBytes)
            throw new ArgumentException($"{rgb.Length} bytes is too few for {width}x{height} RGB24 with stride {stride}");

        output.Write(Signature);

        Span<byte> ihdr = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr[4..], height);
        ihdr[8] = 8;   // bit depth
        ihdr[9] = 2;   // colour type: truecolour
        ihdr[10] = 0;  // deflate
        ihdr[11] = 0;  // adaptive filtering
        ihdr[12] = 0;  // no interlace
        PngChunk.Write(output, "IHDR"u8, ihdr);

        var line = ArrayPool<byte>.Shared.Rent(rowBytes + 1);
        try
        {
            using var idat = new PngIdatStream(output);
            using var z = new ZLibStream(idat, level, leaveOpen: true);
            for (var y = 0; y < height; y++)
            {
                var row = rgb.Slice(y * stride, rowBytes);
                if (y == 0)
                {
                    line[0] = 0; // None
                    row.CopyTo(line.AsSpan(1));
                }
                else
                {
                    line[0] = 2; // Up
                    var above = rgb.Slice((y - 1) * stride, rowBytes);
                    for (var i = 0; i < rowBytes; i++)
                        line[i + 1] = (byte)(row[i] - above[i]);
                }
                z.Write(line, 0, rowBytes + 1);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(line);
        }

        PngChunk.Write(output, "IEND"u8, ReadOnlySpan<byte>.Empty);
    }
}
