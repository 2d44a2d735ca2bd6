using System.Runtime.InteropServices;

namespace Valkka.Shm.TestProcess;

/// <summary>
/// Every pixel row of a test frame is one 64-bit value repeated, derived from (sequence, row):
/// a row of another frame, or a row torn mid-way, does not match.
/// </summary>
public static class RowPattern
{
    public static ulong For(long sequence, int row) =>
        unchecked((((ulong)sequence << 20) | (uint)row) * 0x9E3779B97F4A7C15UL);

    public static void Fill(Span<byte> frame, int height, int stride, long sequence)
    {
        for (int y = 0; y < height; y++)
        {
            MemoryMarshal.Cast<byte, ulong>(frame.Slice(y * stride, stride)).Fill(For(sequence, y));
        }
    }

    /// <summary>True when every row of the frame carries the given sequence.</summary>
    public static bool Verify(ReadOnlySpan<byte> frame, int height, int stride, long sequence)
    {
        if (frame.Length < height * stride || stride % sizeof(ulong) != 0)
        {
            return false;
        }
        for (int y = 0; y < height; y++)
        {
            if (MemoryMarshal.Cast<byte, ulong>(frame.Slice(y * stride, stride)).IndexOfAnyExcept(For(sequence, y)) >= 0)
            {
                return false;
            }
        }
        return true;
    }
}
