using Valkka.Actors.Analysis;

namespace Valkka.Samples.Faces;

/// <summary>
/// Turns an 8-bit RGB/BGR/grey frame into BlazeFace's input: letterboxed into a square (padding
/// is black, -1), bilinear resize, float32 NHWC RGB scaled to rgb/255*2-1. The per-column and
/// per-row sampling tables are kept for the last frame size, so a frame costs no allocation.
/// One writer per thread (it keeps those tables).
/// </summary>
public sealed class FaceTensorWriter
{
    private int _cachedWidth = -1, _cachedHeight = -1;
    private int[] _x0 = [], _x1 = [], _y0 = [], _y1 = [];
    private float[] _fx = [], _fy = [];
    private Letterbox _box;

    public FaceTensorWriter(int size)
    {
        if (size < 8) throw new ArgumentOutOfRangeException(nameof(size), size, "tensor size must be >= 8");
        Size = size;
    }

    public int Size { get; }

    /// <summary>Writes Size*Size*3 floats into <paramref name="destination"/> and returns where the frame sits in them.</summary>
    public Letterbox Write(in FrameView frame, Span<float> destination)
    {
        var floats = FaceTensorFrame.TensorFloats(Size);
        if (destination.Length < floats)
            throw new ArgumentException($"destination holds {destination.Length} floats, {floats} needed for {Size}x{Size}x3");
        Prepare(frame.Width, frame.Height);
        var (bpp, ro, go, bo) = Valkka.Samples.FramePixels.Layout(frame);
        const float k = 2f / 255f;

        for (var ty = 0; ty < Size; ty++)
        {
            var dst = destination.Slice(ty * Size * 3, Size * 3);
            var sy0 = _y0[ty];
            if (sy0 < 0)
            {
                dst.Fill(-1f);
                continue;
            }
            var rowA = frame.Row(sy0);
            var rowB = frame.Row(_y1[ty]);
            var wy = _fy[ty];
            for (var tx = 0; tx < Size; tx++)
            {
                var d = tx * 3;
                var sx0 = _x0[tx];
                if (sx0 < 0)
                {
                    dst[d] = dst[d + 1] = dst[d + 2] = -1f;
                    continue;
                }
                var a = sx0 * bpp;
                var b = _x1[tx] * bpp;
                var wx = _fx[tx];
                dst[d] = Sample(rowA, rowB, a + ro, b + ro, wx, wy) * k - 1f;
                dst[d + 1] = Sample(rowA, rowB, a + go, b + go, wx, wy) * k - 1f;
                dst[d + 2] = Sample(rowA, rowB, a + bo, b + bo, wx, wy) * k - 1f;
            }
        }
        return _box;
    }

    private static float Sample(ReadOnlySpan<byte> rowA, ReadOnlySpan<byte> rowB, int a, int b, float wx, float wy)
    {
        var top = rowA[a] + (rowA[b] - rowA[a]) * wx;
        var bottom = rowB[a] + (rowB[b] - rowB[a]) * wx;
        return top + (bottom - top) * wy;
    }

    private void Prepare(int width, int height)
    {
        if (width == _cachedWidth && height == _cachedHeight) return;
        _box = Letterbox.For(width, height, Size);
        _x0 = new int[Size]; _x1 = new int[Size]; _fx = new float[Size];
        _y0 = new int[Size]; _y1 = new int[Size]; _fy = new float[Size];
        Table(width, _box.OffsetX, _x0, _x1, _fx);
        Table(height, _box.OffsetY, _y0, _y1, _fy);
        _cachedWidth = width;
        _cachedHeight = height;
    }

    // Tensor pixel t covers source coordinate (t + 0.5 - offset) / scale - 0.5 (pixel centres aligned);
    // tensor pixels whose centre falls outside the picture are padding (index -1).
    private void Table(int sourceLength, float offset, int[] i0, int[] i1, float[] frac)
    {
        for (var t = 0; t < Size; t++)
        {
            var centre = t + 0.5f - offset;
            if (centre < 0 || centre > sourceLength * _box.Scale)
            {
                i0[t] = i1[t] = -1;
                continue;
            }
            var s = Math.Clamp(centre / _box.Scale - 0.5f, 0f, sourceLength - 1);
            var lo = (int)s;
            i0[t] = lo;
            i1[t] = Math.Min(lo + 1, sourceLength - 1);
            frac[t] = s - lo;
        }
    }
}
