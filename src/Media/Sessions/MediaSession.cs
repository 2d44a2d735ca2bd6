using Valkka.Media.Decoding;
using Valkka.Media.Frames;
using Valkka.Media.Native;
using Valkka.Media.Pacing;
using Valkka.Media.Sources;

namespace Valkka.Media.Sessions;

/// <summary>
/// One connection to a libavformat source: opens it, finds the video stream and hands every video
/// packet to a <see cref="SelectiveDecoder"/>. Run() returns on Stop() or at the end of a file that
/// does not loop, and throws <see cref="MediaSourceException"/> on any failure (the caller
/// reconnects). The read loop allocates nothing per packet.
/// </summary>
internal sealed unsafe class MediaSession : IDisposable
{
    private readonly DecoderOptions _options;
    private readonly MediaSource _source;
    private readonly string _location;
    private readonly IFrameTarget _target;
    private readonly InterruptGuard _interrupt;
    private readonly ManualResetEventSlim _stop;
    private readonly DecoderStats _stats;
    private readonly WantedRate _rate;
    private readonly Action _onFirstFrame;
    private readonly IPacketTap? _tap;

    private void* _format;
    private void* _codec;
    private void* _packet;
    private int _videoIndex;
    private PtsClock _clock = null!;
    private FramePacer? _pacer;
    private FrameSink? _sink;
    private SelectiveDecoder? _decoder;
    private long _openStarted;
    private bool _afterLoop;

    public MediaSession(DecoderOptions options, MediaSource source, string location, IFrameTarget target,
                        InterruptGuard interrupt, ManualResetEventSlim stop, DecoderStats stats, WantedRate rate, Action onFirstFrame,
                        IPacketTap? tap = null)
    {
        _tap = tap;
        _options = options;
        _source = source;
        _location = location;
        _target = target;
        _interrupt = interrupt;
        _stop = stop;
        _stats = stats;
        _rate = rate;
        _onFirstFrame = onFirstFrame;
    }

    public SessionEnd Run()
    {
        Open();
        return Decode();
    }

    private string Describe => CameraUrl.Masked(_source.Kind == SourceKind.Synthetic ? $"{_options.Url} ({_location})" : _location);

    private void Open()
    {
        _format = Av.avformat_alloc_context();
        if (_format == null) throw new OutOfMemoryException("avformat_alloc_context failed");
        _interrupt.InstallInto(_format);

        void* dict = null;
        if (_location.StartsWith("rtsp://", StringComparison.OrdinalIgnoreCase) ||
            _location.StartsWith("rtsps://", StringComparison.OrdinalIgnoreCase))
        {
            Av.av_dict_set(&dict, "rtsp_transport", _options.RtspTransport, 0);
            // FFmpeg 5.1 rtsp: "timeout" is the socket I/O timeout in microseconds.
            Av.av_dict_set(&dict, "timeout", Micros(_options.ReadTimeout), 0);
        }
        else if (_source.IsNetwork)
            Av.av_dict_set(&dict, "rw_timeout", Micros(_options.ReadTimeout), 0);

        _interrupt.Arm(_options.OpenTimeout);
        _openStarted = Environment.TickCount64;
        var format = _format;
        var ret = Av.avformat_open_input(&format, _location, null, &dict);
        _format = format;   // freed and nulled by FFmpeg on failure
        Av.av_dict_free(&dict);
        if (ret < 0) throw Failure("cannot open", ret, _options.OpenTimeout);

        ret = Av.avformat_find_stream_info(_format, null);
        if (ret < 0) throw Failure("cannot read stream information from", ret, _options.OpenTimeout);

        void* decoder = null;
        _videoIndex = Av.av_find_best_stream(_format, AvConst.MediaTypeVideo, -1, -1, &decoder, 0);
        if (_videoIndex < 0)
            throw new MediaSourceException($"{Describe}: no decodable video stream ({Av.ErrorText(_videoIndex)})", permanent: !_source.IsNetwork);

        var stream = ((byte**)*(void**)((byte*)_format + AvLayout.FormatContextStreams))[_videoIndex];
        var par = *(byte**)(stream + AvLayout.StreamCodecPar);
        var tbNum = *(int*)(stream + AvLayout.StreamTimeBase);
        var tbDen = *(int*)(stream + AvLayout.StreamTimeBase + 4);
        _clock = new PtsClock(tbNum, tbDen);
        var timeBase = tbDen > 0 ? (double)tbNum / tbDen : 0;
        var nativeFps = Rate(stream + AvLayout.StreamAvgFrameRate) is > 0 and var avg ? avg : Rate(stream + AvLayout.StreamRFrameRate);
        _tap?.StreamOpened(TapFormat.Of(par, tbNum, tbDen, nativeFps) with { Paced = _source.Realtime });
        // One schedule for a paced source's packets and its decoded frames. Two (the frames' rebasing after a
        // stall, the packets' not) drifted apart for good: every packet was then late, and the camera skipped
        // to each next keyframe for the rest of the run.
        if (_source.Realtime)
            _pacer = new FramePacer(timeBase, nativeFps > 0 ? 1000.0 / nativeFps : 40.0, rebaseWhenBehind: false);
        if (nativeFps <= 0) nativeFps = double.PositiveInfinity;   // unknown: measured policies decide

        _codec = Av.avcodec_alloc_context3(decoder);
        if (_codec == null) throw new OutOfMemoryException("avcodec_alloc_context3 failed");
        ret = Av.avcodec_parameters_to_context(_codec, par);
        if (ret < 0) throw Failure("cannot configure the decoder for", ret, null);
        Av.av_dict_set(&dict, "threads", _options.Threads.ToString(System.Globalization.CultureInfo.InvariantCulture), 0);
        ret = Av.avcodec_open2(_codec, decoder, &dict);
        Av.av_dict_free(&dict);
        if (ret < 0) throw Failure("cannot open the decoder for", ret, null);

        _packet = Av.av_packet_alloc();
        if (_packet == null) throw new OutOfMemoryException("av_packet_alloc failed");
        _sink = new FrameSink(_options, _target, _stats, _clock, _pacer, _stop, _onFirstFrame, nativeFps);
        _decoder = new SelectiveDecoder(_codec, _sink, _stats, _rate, _options.Decode, timeBase, nativeFps,
            new StreamLag(_pacer, _source.IsNetwork, timeBase));
        _interrupt.Disarm();
    }

    private static double Rate(byte* rational) =>
        *(int*)rational > 0 && *(int*)(rational + 4) > 0 ? (double)*(int*)rational / *(int*)(rational + 4) : 0;

    private SessionEnd Decode()
    {
        var decoder = _decoder!;
        var stallMs = (long)_options.StallTimeout.TotalMilliseconds;
        while (true)
        {
            if (_interrupt.StopRequested) return SessionEnd.Stopped;
            // A read gives up at the read timeout, or earlier when the stall deadline comes first.
            var readMs = (long)_options.ReadTimeout.TotalMilliseconds;
            var untilStall = Math.Max(0, decoder.LastAliveTick + stallMs - Environment.TickCount64);
            var stallFirst = untilStall < readMs;
            _interrupt.Arm(TimeSpan.FromMilliseconds(stallFirst ? untilStall : readMs));
            var ret = Av.av_read_frame(_format, _packet);
            _interrupt.Disarm();
            if (ret < 0 && stallFirst && _interrupt.TimedOut && !_interrupt.StopRequested)
                throw Stalled();
            if (ret == AvConst.ErrorEof)
            {
                if (!decoder.Drain(UnixMs())) return SessionEnd.Stopped;
                if (!_source.Loop)
                {
                    _tap?.StreamEnded();
                    return SessionEnd.EndOfStream;
                }
                Rewind();
                continue;
            }
            if (ret < 0)
            {
                if (_interrupt.StopRequested) return SessionEnd.Stopped;
                throw Failure("read failed from", ret, _options.ReadTimeout);
            }
            var arrival = UnixMs();
            if (*(int*)((byte*)_packet + AvLayout.PacketStreamIndex) == _videoIndex)
            {
                // A paced file's packets come at their times (decode order), as a camera's arrive: not a GOP at
                // once when only its keyframes are decoded. A reader that comes between keyframes then starts at
                // the next frame (the GOP so far caught up, see GopBuffer), and a relay's decoder gets packets as
                // they come (it held the GOP's last frames back until the next GOP, then committed them in a burst).
                // How late these arrivals are decides a skip to the newest keyframe (StreamLag); decoded frames wait
                // on the same schedule by their pts, which stamps their capture times.
                if (_pacer is not null && !_pacer.WaitFor(ArrivalTime(_packet), _stop, out _))
                {
                    Av.av_packet_unref(_packet);
                    return SessionEnd.Stopped;
                }
                if (_tap is { Active: true } tap) TapFormat.Send(tap, (byte*)_packet, decoder.NextIndex, _afterLoop);
                _afterLoop = false;
                if (!decoder.Decode(_packet, arrival)) return SessionEnd.Stopped;
            }
            else
                Av.av_packet_unref(_packet);

            if (Environment.TickCount64 - decoder.LastAliveTick > stallMs) throw Stalled();
        }
    }

    /// <summary>A packet's place in decode order: its dts (pts goes back and forth with B-frames), else its pts.</summary>
    private static long ArrivalTime(void* packet)
    {
        var dts = *(long*)((byte*)packet + AvLayout.PacketDts);
        return dts != AvConst.NoPts ? dts : *(long*)((byte*)packet + AvLayout.PacketPts);
    }

    private MediaSourceException Stalled() =>
        new($"{Describe}: stalled, no frame decoded for {_options.StallTimeout.TotalSeconds:0.###} s", permanent: false);

    private void Rewind()
    {
        var ret = Av.av_seek_frame(_format, -1, 0, AvConst.SeekFlagBackward);
        if (ret < 0) throw Failure("cannot loop (seek to start) in", ret, null, permanent: false);
        _clock.Reset();
        _pacer?.Restart();
        _decoder?.Loop();
        _afterLoop = true;
    }

    private MediaSourceException Failure(string what, int error, TimeSpan? timeout, bool? permanent = null)
    {
        _interrupt.Disarm();
        string reason;
        if (_interrupt.StopRequested) reason = "stopped";
        else if (timeout is { } t && _interrupt.TimedOut)
            reason = $"no answer within {t.TotalSeconds:0.###} s (timeout)";
        else if (error == AvConst.ErrorTimedOut)   // the rtsp socket timeout (ReadTimeout) fired first
            reason = $"{Av.ErrorText(error)} after {_options.ReadTimeout.TotalSeconds:0.###} s (socket timeout)";
        else if (what == "cannot open" && _source.IsNetwork && error != AvConst.ErrorEof && SilentFor(_options.ReadTimeout))
            // FFmpeg 5.1's rtsp reports its socket timeout while waiting for a reply as "Invalid data".
            reason = $"no answer within {_options.ReadTimeout.TotalSeconds:0.###} s (socket timeout; FFmpeg said: {Av.ErrorText(error)})";
        else if (error == AvConst.ErrorEof && _source.IsNetwork) reason = "the server closed the stream";
        else reason = Av.ErrorText(error);
        return new MediaSourceException($"{what} {Describe}: {reason}", permanent: permanent ?? !_source.IsNetwork);
    }

    /// <summary>True when the open has waited at least about t (the socket timeout) before failing.</summary>
    private bool SilentFor(TimeSpan t) => Environment.TickCount64 - _openStarted >= (long)(t.TotalMilliseconds * 0.9);

    private static string Micros(TimeSpan t) =>
        ((long)t.TotalMicroseconds).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static long UnixMs() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    public void Dispose()
    {
        _decoder?.Dispose();
        _sink?.Dispose();
        var packet = _packet; Av.av_packet_free(&packet); _packet = null;
        var codec = _codec; Av.avcodec_free_context(&codec); _codec = null;
        var format = _format; if (format != null) Av.avformat_close_input(&format); _format = null;
    }
}
