using System.Globalization;
using Valkka.Media.Decoding;
using Valkka.Media.Frames;
using Valkka.Media.Native;
using Valkka.Media.Pacing;
using Valkka.Media.Sources;

namespace Valkka.Media.Sessions;

/// <summary>
/// The decode half of a <see cref="MediaSession"/> for packets read elsewhere: a codec opened from a
/// <see cref="StreamFormat"/>, and each <see cref="StreamPacket"/> sent through the same
/// <see cref="SelectiveDecoder"/> and <see cref="FrameSink"/> as a camera's own, with the packet's
/// stream frame index, so the same packets give the same frames with the same indices.
/// </summary>
internal sealed unsafe class EncodedSession : IDisposable
{
    private readonly PtsClock _clock;
    private readonly FramePacer? _pacer;
    private readonly FrameSink _sink;
    private readonly SelectiveDecoder _decoder;
    private void* _codec;
    private void* _packet;

    public EncodedSession(DecoderOptions options, StreamFormat format, IFrameTarget target, DecoderStats stats, WantedRate rate,
                          ManualResetEventSlim stop, Action onFirstFrame)
    {
        try
        {
            _codec = OpenCodec(format, options.Threads);
            _packet = Av.av_packet_alloc();
            if (_packet == null) throw new OutOfMemoryException("av_packet_alloc failed");
            var nativeFps = format.NativeFps > 0 ? format.NativeFps : double.PositiveInfinity;
            var timeBase = format.TimeBaseDen > 0 ? (double)format.TimeBaseNum / format.TimeBaseDen : 0;
            _clock = new PtsClock(format.TimeBaseNum, format.TimeBaseDen);
            if (format.Paced) _pacer = new FramePacer(timeBase, double.IsFinite(nativeFps) ? 1000.0 / nativeFps : 40.0);
            _sink = new FrameSink(options, target, stats, _clock, _pacer, stop, onFirstFrame, nativeFps);
            // A relay's bounded queue already drops a backlog (and restarts at a keyframe): only a paced source is checked here.
            _decoder = new SelectiveDecoder(_codec, _sink, stats, rate, options.Decode, timeBase, nativeFps, new StreamLag(_pacer, false, timeBase));
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Decodes one packet; gap: packets are missing before it (start again at a keyframe). False if stopped meanwhile.</summary>
    public bool Decode(StreamPacket packet, bool gap)
    {
        var arrival = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        if (packet.AfterLoop)
        {
            // As the camera's session does at the end of a looped file: drain, then time runs on.
            if (!_decoder.Drain(arrival)) return false;
            _clock.Reset();
            _pacer?.Restart();
            _decoder.Loop();
        }
        if (gap && !_decoder.Restart(arrival)) return false;
        if (Av.av_new_packet(_packet, packet.Data.Length) < 0) throw new OutOfMemoryException("av_new_packet failed");
        var p = (byte*)_packet;
        packet.Data.CopyTo(new Span<byte>(*(byte**)(p + AvLayout.PacketData), packet.Data.Length));
        *(long*)(p + AvLayout.PacketPts) = packet.Pts;
        *(long*)(p + AvLayout.PacketDts) = packet.Dts;
        *(int*)(p + AvLayout.PacketFlags) = packet.Key ? AvConst.PacketFlagKey : 0;
        _decoder.NextIndex = packet.StreamFrameIndex;
        return _decoder.Decode(_packet, arrival);
    }

    /// <summary>The stream ended: takes out the frames the decoder still holds. False if stopped meanwhile.</summary>
    public bool Drain() => _decoder.Drain(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

    private static void* OpenCodec(StreamFormat format, int threads)
    {
        var decoder = Av.avcodec_find_decoder(format.CodecId);
        if (decoder == null)
            throw new MediaSourceException($"this host's libavcodec has no decoder for codec id {format.CodecId}", permanent: true);
        var par = (byte*)Av.avcodec_parameters_alloc();
        if (par == null) throw new OutOfMemoryException("avcodec_parameters_alloc failed");
        void* codec = null;
        try
        {
            *(int*)(par + AvLayout.CodecParCodecType) = AvConst.MediaTypeVideo;
            *(int*)(par + AvLayout.CodecParCodecId) = format.CodecId;
            *(int*)(par + AvLayout.CodecParWidth) = format.Width;
            *(int*)(par + AvLayout.CodecParHeight) = format.Height;
            *(int*)(par + AvLayout.CodecParFormat) = format.PixelFormat;
            if (format.Extradata.Length > 0)
            {
                // Freed with the parameters; libavcodec reads up to the padding past the end.
                var extradata = (byte*)Av.av_mallocz((nuint)(format.Extradata.Length + AvConst.InputBufferPadding));
                if (extradata == null) throw new OutOfMemoryException("av_mallocz failed");
                format.Extradata.CopyTo(new Span<byte>(extradata, format.Extradata.Length));
                *(byte**)(par + AvLayout.CodecParExtradata) = extradata;
                *(int*)(par + AvLayout.CodecParExtradataSize) = format.Extradata.Length;
            }
            codec = Av.avcodec_alloc_context3(decoder);
            if (codec == null) throw new OutOfMemoryException("avcodec_alloc_context3 failed");
            var ret = Av.avcodec_parameters_to_context(codec, par);
            if (ret < 0) throw new MediaSourceException($"cannot configure a decoder for codec id {format.CodecId}: {Av.ErrorText(ret)}", permanent: true);
            void* dict = null;
            Av.av_dict_set(&dict, "threads", threads.ToString(CultureInfo.InvariantCulture), 0);
            ret = Av.avcodec_open2(codec, decoder, &dict);
            Av.av_dict_free(&dict);
            if (ret < 0) throw new MediaSourceException($"cannot open a decoder for codec id {format.CodecId}: {Av.ErrorText(ret)}", permanent: true);
            return codec;
        }
        catch
        {
            Av.avcodec_free_context(&codec);
            throw;
        }
        finally
        {
            var p = (void*)par;
            Av.avcodec_parameters_free(&p);
        }
    }

    public void Dispose()
    {
        _decoder?.Dispose();
        _sink?.Dispose();
        var packet = _packet; Av.av_packet_free(&packet); _packet = null;
        var codec = _codec; Av.avcodec_free_context(&codec); _codec = null;
    }
}
