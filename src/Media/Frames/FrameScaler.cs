using System.Runtime.InteropServices;
using Valkka.Media.Native;
using Valkka.Media.Sources;

namespace Valkka.Media.Frames;

/// <summary>
/// Converts a decoded AVFrame to RGB24 with sws_scale, straight into the caller's buffer.
/// </summary>
/// <remarks>
/// Trap in libswscale 6 on x86: when the size does not change, yuv420p -> RGB24 goes through a
/// SIMD converter that works on rows rounded up to 8 pixels (less 8 if the stride has no room
/// for that) and stores 16 pixels (48 bytes) per step. So (a) when the width is not a multiple
/// of 8 and the stride is tight, the last width % 8 pixels of each row are never written, and
/// (b) a row's stores can run up to 45 bytes past its end: harmless inside the frame (the next
/// row overwrites it) but past the end of the buffer on the last row. FrameScaler therefore
/// converts a 16-pixel strip at the right edge separately for (a), and the last one or two rows
/// through a small reusable scratch buffer for (b) (one copied row pair per frame, no
/// allocation). The result is byte-identical to the ffmpeg CLI, whose frames are padded.
/// </remarks>
internal sealed unsafe class FrameScaler : IDisposable
{
    private const int TailWidth = 16;
    private void* _context;
    private void* _tail;
    private byte* _scratch;
    private int _scratchBytes;

    /// <summary>Scales frame into destination (outW x outH RGB24, stride bytes a row, stride * outH bytes).</summary>
    public void Scale(byte* frame, int outW, int outH, byte* destination, int stride)
    {
        var srcW = *(int*)(frame + AvLayout.FrameWidth);
        var srcH = *(int*)(frame + AvLayout.FrameHeight);
        var format = *(int*)(frame + AvLayout.FrameFormat);
        _context = Av.sws_getCachedContext(_context, srcW, srcH, format, outW, outH, AvConst.PixFmtRgb24,
            AvConst.SwsBilinear, null, null, null);
        if (_context == null)
            throw new MediaSourceException($"swscale cannot convert {srcW}x{srcH} pixel format {format} to RGB24 {outW}x{outH}", permanent: true);
        var src = (byte**)(frame + AvLayout.FrameData);
        var srcStride = (int*)(frame + AvLayout.FrameLinesize);

        if (srcW != outW || srcH != outH || !UsesBlockConverter(format))
        {
            Convert(_context, src, srcStride, 0, srcH, destination, stride, outH);
            return;
        }

        var rowPixels = (outW + 7) & ~7;
        if (rowPixels * 3 > stride) rowPixels -= 8;
        var rowWrite = 48 * ((rowPixels + 15) / 16);
        // (An odd width, which 4:2:0 encoders do not produce, would need the strip at an odd x: not handled.)
        var missingTail = rowPixels < outW && (outW & 1) == 0 && outW >= TailWidth;
        // Rows converted straight into the destination: all, unless the last row's stores would
        // run past stride * height; then the last row pair goes through the scratch buffer.
        var direct = rowWrite <= stride ? outH : (outH - 1) & ~1;

        if (direct > 0) Convert(_context, src, srcStride, 0, direct, destination, stride, outH);
        if (missingTail && direct > 0) ConvertTail(src, srcStride, format, srcH, direct, outW, destination, stride);
        if (direct < outH) ConvertLastRows(src, srcStride, direct, outW, outH, destination, stride);
    }

    // yuv420p, yuvj420p, yuva420p: the formats with the x86 block converter to RGB24.
    private static bool UsesBlockConverter(int format) => format is 0 or 12 or 33;

    private static void Convert(void* context, byte** src, int* srcStride, int sliceY, int sliceH,
                                byte* destination, int stride, int outH)
    {
        // sws_scale takes the slice's own plane pointers (chroma rows are half as many in 4:2:0).
        var slice = stackalloc byte*[4];
        for (var i = 0; i < 4; i++)
            slice[i] = src[i] == null ? null : src[i] + (i is 1 or 2 ? sliceY / 2 : sliceY) * srcStride[i];
        var dst = stackalloc byte*[4] { destination, null, null, null };
        var dstStride = stackalloc int[4] { stride, 0, 0, 0 };
        var rows = Av.sws_scale(context, slice, srcStride, sliceY, sliceH, dst, dstStride);
        if (rows < 0 || (sliceY + sliceH == outH && rows == 0))
            throw new MediaSourceException($"sws_scale failed: {(rows < 0 ? Av.ErrorText(rows) : "no output")}", permanent: false);
    }

    private void ConvertTail(byte** src, int* srcStride, int format, int srcH, int rows, int outW, byte* destination, int stride)
    {
        var x0 = outW - TailWidth;   // outW is even here, so x0 is: chroma samples pair up as in the full row
        _tail = Av.sws_getCachedContext(_tail, TailWidth, srcH, format, TailWidth, srcH, AvConst.PixFmtRgb24,
            AvConst.SwsBilinear, null, null, null);
        if (_tail == null) throw new MediaSourceException("swscale cannot create the right-edge converter", permanent: true);
        var shifted = stackalloc byte*[4] { src[0] + x0, src[1] + x0 / 2, src[2] + x0 / 2, src[3] == null ? null : src[3] + x0 };
        Convert(_tail, shifted, srcStride, 0, rows, destination + x0 * 3, stride, srcH);
    }

    private void ConvertLastRows(byte** src, int* srcStride, int firstRow, int outW, int outH, byte* destination, int stride)
    {
        var scratchStride = ((outW + 15) & ~15) * 3 + 64;
        var rows = outH - firstRow;
        var needed = scratchStride * rows;
        if (needed > _scratchBytes)
        {
            NativeMemory.AlignedFree(_scratch);
            _scratch = (byte*)NativeMemory.AlignedAlloc((nuint)needed, 64);
            _scratchBytes = needed;
        }
        // sws_scale addresses rows of the whole picture: point "row 0" so that firstRow lands on the scratch.
        Convert(_context, src, srcStride, firstRow, rows, _scratch - (nint)firstRow * scratchStride, scratchStride, outH);
        for (var y = 0; y < rows; y++)
            Buffer.MemoryCopy(_scratch + y * scratchStride, destination + (long)(firstRow + y) * stride, outW * 3, outW * 3);
    }

    public void Dispose()
    {
        if (_context != null) Av.sws_freeContext(_context);
        if (_tail != null) Av.sws_freeContext(_tail);
        NativeMemory.AlignedFree(_scratch);
        _context = _tail = null;
        _scratch = null;
    }
}
