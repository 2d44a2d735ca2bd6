using System.Numerics;
using System.Runtime.InteropServices;

namespace Valkka.Bench;

/// <summary>
/// Reads every byte of a frame in place and folds it into a 64-bit sum: the cheapest way to prove a
/// reader touched all the pixels (what a real analyzer must at least do), bound by memory bandwidth.
/// </summary>
public static class FrameChecksum
{
    public static ulong Of(ReadOnlySpan<byte> data)
    {
        var words = MemoryMarshal.Cast<byte, ulong>(data);
        var acc0 = Vector<ulong>.Zero;
        var acc1 = Vector<ulong>.Zero;
        var vectors = MemoryMarshal.Cast<ulong, Vector<ulong>>(words);
        int i = 0;
        for (; i + 1 < vectors.Length; i += 2)
        {
            acc0 += vectors[i];
            acc1 ^= vectors[i + 1];
        }
        if (i < vectors.Length) acc0 += vectors[i];
        ulong sum = Vector.Sum(acc0) ^ Vector.Sum(acc1);
        for (int w = vectors.Length * Vector<ulong>.Count; w < words.Length; w++) sum += words[w];
        for (int b = words.Length * sizeof(ulong); b < data.Length; b++) sum += data[b];
        return sum;
    }
}
