using System.Runtime.InteropServices;
using Valkka.Media.Native;
using Valkka.Media.Sources;

namespace Valkka.Media.Frames;

/// <summary>
/// Scales an RGB24 picture down to a given width (sws_scale into yuvj420p) and encodes it as one
/// JPEG with libavcodec's own mjpeg encoder at a fixed quantizer. Reuses its codec, frame, packet
/// and scaler between calls (reopened only when the source size changes). One thread at a time.
/// </summary>
public sealed unsafe class JpegEncoder : IDisposable
{
    private const int SourcePadding = 256;

    private readonly int _width;
    private readonly int _quantizer;
    private void* _codec;
    private void* _frame;
    private void* _packet;
    private void* _scaler;
    private byte* _source;       // a padded copy of the picture: swscale reads past a row's end
    private nuint _sourceBytes;
    private int _srcW, _srcH;

    /// <param name="width">Width of the JPEG (the height keeps the aspect ratio); a smaller source is not enlarged.</param>
    /// <param name="quantizer">2 (best) to 31 (smallest).</param>
    public JpegEncoder(int width, int quantizer = 5)
    {
        if (width < 16) throw new ArgumentOutOfRangeException(nameof(width), width, "JPEG width must be at least 16 pixels");
        if (quantizer is < 2 or > 31) throw new ArgumentOutOfRangeException(nameof(quantizer), quantizer, "quantizer must be 2-31");
        _width = width;
        _quantizer = quantizer;
    }

    /// <summary>Size of the latest JPEG.</summary>
    public int OutputWidth { get; private set; }
    public int OutputHeight { get; private set; }

    /// <summary>Encodes an RGB24 picture (width x height, stride bytes a row); the JPEG's bytes stay valid until the next call.</summary>
    public ReadOnlySpan<byte> Encode(ReadOnlySpan<byte> rgb24, int width, int height, int stride)
    {
        if (width < 2 || height < 2 || stride < width * 3 || rgb24.Length < (long)stride * (height - 1) + width * 3)
            throw new ArgumentException($"an RGB24 picture of {width}x{height} with stride {stride} needs more than the {rgb24.Length} bytes given");
        if (width != _srcW || height != _srcH) Open(width, height);
        Av.av_packet_unref(_packet);
        Check(Av.av_frame_make_writable(_frame), "av_frame_make_writable");
        // swscale's SIMD code reads a little past the last row. The picture may be a ring slot at the very
        // end of its mapping (the process then dies of SIGSEGV), so it is scaled from a padded copy.
        var bytes = (nuint)((long)stride * height);
        if (bytes + SourcePadding > _sourceBytes)
        {
            NativeMemory.AlignedFree(_source);
            _sourceBytes = bytes + SourcePadding;
            _source = (byte*)NativeMemory.AlignedAlloc(_sourceBytes, 64);
        }
        rgb24[..(int)Math.Min((long)rgb24.Length, (long)bytes)].CopyTo(new Span<byte>(_source, (int)bytes));
        {
            var source = _source;
            var src = stackalloc byte*[4] { source, null, null, null };
            var srcStride = stackalloc int[4] { stride, 0, 0, 0 };
            var rows = Av.sws_scale(_scaler, src, srcStride, 0, height,
                (byte**)((byte*)_frame + AvLayout.FrameData), (int*)((byte*)_frame + AvLayout.FrameLinesize));
            if (rows <= 0) throw new MediaSourceException($"sws_scale to yuvj420p failed ({rows})", permanent: true);
        }
        Check(Av.avcodec_send_frame(_codec, _frame), "avcodec_send_frame");
        Check(Av.avcodec_receive_packet(_codec, _packet), "avcodec_receive_packet");
        return new ReadOnlySpan<byte>(*(byte**)((byte*)_packet + AvLayout.PacketData), *(int*)((byte*)_packet + AvLayout.PacketSize));
    }

    private void Open(int width, int height)
    {
        FFmpegLibraries.EnsureLoaded();
        Close();
        var outW = Math.Min(_width, width) & ~1;
        var outH = Math.Max(2, (int)Math.Round((double)height * outW / width) & ~1);
        var encoder = Av.avcodec_find_encoder(AvConst.CodecIdMjpeg);
        if (encoder == null) throw new MediaSourceException("libavcodec has no mjpeg encoder", permanent: true);
        _codec = Av.avcodec_alloc_context3(encoder);
        var c = (byte*)_codec;
        *(int*)(c + AvLayout.CodecContextWidth) = outW;
        *(int*)(c + AvLayout.CodecContextHeight) = outH;
        *(int*)(c + AvLayout.CodecContextPixFmt) = AvConst.PixFmtYuvj420p;
        *(int*)(c + AvLayout.CodecContextTimeBase) = 1;
        *(int*)(c + AvLayout.CodecContextTimeBase + 4) = 25;
        *(int*)(c + AvLayout.CodecContextFlags) |= AvConst.CodecFlagQscale;
        *(int*)(c + AvLayout.CodecContextGlobalQuality) = _quantizer * AvConst.Qp2Lambda;
        Check(Av.avcodec_open2(_codec, encoder, null), "avcodec_open2 (mjpeg)");
        _frame = Av.av_frame_alloc();
        var f = (byte*)_frame;
        *(int*)(f + AvLayout.FrameWidth) = outW;
        *(int*)(f + AvLayout.FrameHeight) = outH;
        *(int*)(f + AvLayout.FrameFormat) = AvConst.PixFmtYuvj420p;
        *(int*)(f + AvLayout.FrameQuality) = _quantizer * AvConst.Qp2Lambda;
        Check(Av.av_frame_get_buffer(_frame, 0), "av_frame_get_buffer");
        _packet = Av.av_packet_alloc();
        _scaler = Av.sws_getCachedContext(null, width, height, AvConst.PixFmtRgb24, outW, outH, AvConst.PixFmtYuvj420p,
            AvConst.SwsBilinear, null, null, null);
        if (_scaler == null) throw new MediaSourceException($"swscale cannot scale RGB24 {width}x{height} to yuvj420p {outW}x{outH}", permanent: true);
        (_srcW, _srcH, OutputWidth, OutputHeight) = (width, height, outW, outH);
    }

    private static void Check(int ret, string what)
    {
        if (ret < 0) throw new MediaSourceException($"{what} failed: {Av.ErrorText(ret)}", permanent: true);
    }

    private void Close()
    {
        if (_scaler != null) Av.sws_freeContext(_scaler);
        _scaler = null;
        fixed (void** p = &_packet) if (_packet != null) Av.av_packet_free(p);
        fixed (void** f = &_frame) if (_frame != null) Av.av_frame_free(f);
        fixed (void** c = &_codec) if (_codec != null) Av.avcodec_free_context(c);
        _srcW = _srcH = 0;
    }

    public void Dispose()
    {
        Close();
        NativeMemory.AlignedFree(_source);
        _source = null;
        _sourceBytes = 0;
    }
}
