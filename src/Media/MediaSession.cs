using Valkka.Media.Native;

namespace Valkka.Media;

internal enum SessionEnd { Stopped, EndOfStream }

/// <summary>
/// One connection to a libavformat source: opens it, finds the video stream, decodes every packet
/// and scales each frame into the target. Run() returns on Stop() or at the end of a file that
/// does not loop, and throws <see cref="MediaSourceException"/> on any failure (the caller
/// reconnects). The read/decode/scale loop allocates nothing per frame.
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
    private readonly Action _onFirstFrame;
    private readonly FrameScaler _scaler = new();

    private void* _format;
    private void* _codec;
    private void* _packet;
    private void* _frame;
    private int _videoIndex;
    private PtsClock _clock = null!;
    private FramePacer? _pacer;
    private bool _delivered;
    private long _lastFrameTick;
    private long _openStarted;

    public MediaSession(DecoderOptions options, MediaSource source, string location, IFrameTarget target,
                        InterruptGuard interrupt, ManualResetEventSlim stop, DecoderStats stats, Action onFirstFrame)
    {
        _options = options;
        _source = source;
        _location = location;
        _target = target;
        _interrupt = interrupt;
        _stop = stop;
        _stats = stats;
        _onFirstFrame = onFirstFrame;
    }

    public SessionEnd Run()
    {
        Open();
        return Decode();
    }

    private string Describe => _source.Kind == SourceKind.Synthetic ? $"{_options.Url} ({_location})" : _location;

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
        if (_source.Realtime)
        {
            var fpsNum = *(int*)(stream + AvLayout.StreamAvgFrameRate);
            var fpsDen = *(int*)(stream + AvLayout.StreamAvgFrameRate + 4);
            var interval = fpsNum > 0 && fpsDen > 0 ? 1000.0 * fpsDen / fpsNum : 40.0;
            _pacer = new FramePacer(tbDen > 0 ? (double)tbNum / tbDen : 0, interval);
        }

        _codec = Av.avcodec_alloc_context3(decoder);
        if (_codec == null) throw new OutOfMemoryException("avcodec_alloc_context3 failed");
        ret = Av.avcodec_parameters_to_context(_codec, par);
        if (ret < 0) throw Failure("cannot configure the decoder for", ret, null);
        Av.av_dict_set(&dict, "threads", _options.Threads.ToString(System.Globalization.CultureInfo.InvariantCulture), 0);
        ret = Av.avcodec_open2(_codec, decoder, &dict);
        Av.av_dict_free(&dict);
        if (ret < 0) throw Failure("cannot open the decoder for", ret, null);

        _packet = Av.av_packet_alloc();
        _frame = Av.av_frame_alloc();
        if (_packet == null || _frame == null) throw new OutOfMemoryException("av_packet_alloc/av_frame_alloc failed");
        _interrupt.Disarm();
    }

    private SessionEnd Decode()
    {
        _lastFrameTick = Environment.TickCount64;
        var stallMs = (long)_options.StallTimeout.TotalMilliseconds;
        while (true)
        {
            if (_interrupt.StopRequested) return SessionEnd.Stopped;
            // A read gives up at the read timeout, or earlier when the stall deadline comes first.
            var readMs = (long)_options.ReadTimeout.TotalMilliseconds;
            var untilStall = Math.Max(0, _lastFrameTick + stallMs - Environment.TickCount64);
            var stallFirst = untilStall < readMs;
            _interrupt.Arm(TimeSpan.FromMilliseconds(stallFirst ? untilStall : readMs));
            var ret = Av.av_read_frame(_format, _packet);
            _interrupt.Disarm();
            if (ret < 0 && stallFirst && _interrupt.TimedOut && !_interrupt.StopRequested)
                throw Stalled();
            if (ret == AvConst.ErrorEof)
            {
                if (!Drain()) return SessionEnd.Stopped;
                if (!_source.Loop) return SessionEnd.EndOfStream;
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
                ret = Av.avcodec_send_packet(_codec, _packet);
                Av.av_packet_unref(_packet);
                // A damaged packet (lost data on a network stream) is skipped; the stall detector
                // reconnects if nothing decodes any more.
                if (ret >= 0 || ret == AvConst.ErrorAgain)
                    if (!ReceiveFrames(arrival)) return SessionEnd.Stopped;
            }
            else
                Av.av_packet_unref(_packet);

            if (Environment.TickCount64 - _lastFrameTick > stallMs) throw Stalled();
        }
    }

    private MediaSourceException Stalled() =>
        new($"{Describe}: stalled, no frame decoded for {_options.StallTimeout.TotalSeconds:0.###} s", permanent: false);

    /// <summary>Decodes the frames the decoder has ready; false if stopped meanwhile.</summary>
    private bool ReceiveFrames(long arrivalMs)
    {
        while (Av.avcodec_receive_frame(_codec, _frame) == 0)
        {
            var ok = Deliver(arrivalMs);
            Av.av_frame_unref(_frame);
            if (!ok) return false;
        }
        return true;
    }

    private bool Drain()
    {
        Av.avcodec_send_packet(_codec, null);
        var ok = ReceiveFrames(UnixMs());
        Av.avcodec_flush_buffers(_codec);
        return ok;
    }

    private void Rewind()
    {
        var ret = Av.av_seek_frame(_format, -1, 0, AvConst.SeekFlagBackward);
        if (ret < 0) throw Failure("cannot loop (seek to start) in", ret, null, permanent: false);
        _clock.Reset();
        _pacer?.Restart();
    }

    private bool Deliver(long arrivalMs)
    {
        var frame = (byte*)_frame;
        Interlocked.Increment(ref _stats.Decoded);
        var pts = *(long*)(frame + AvLayout.FrameBestEffortTimestamp);
        if (_pacer != null)
        {
            if (!_pacer.WaitFor(pts, _stop)) return false;
            arrivalMs = UnixMs();
        }
        _lastFrameTick = Environment.TickCount64;
        var timestamp = _clock.ToWallMs(pts, arrivalMs);

        var (outW, outH) = OutputSize(*(int*)(frame + AvLayout.FrameWidth), *(int*)(frame + AvLayout.FrameHeight));
        if (!_target.TryBeginFrame(outW, outH, out var destination, out var stride))
        {
            Interlocked.Increment(ref _stats.Dropped);
            return true;
        }
        try
        {
            if (stride < outW * 3 || destination == null)
                throw new InvalidOperationException($"frame target gave stride {stride} (< {outW * 3}) or a null destination for {outW}x{outH} RGB24");
            _scaler.Scale(frame, outW, outH, destination, stride);
        }
        catch
        {
            _target.AbortFrame();
            throw;
        }
        _target.CommitFrame(timestamp);
        if (!_delivered)
        {
            _delivered = true;
            _onFirstFrame();
        }
        return true;
    }

    private (int W, int H) OutputSize(int w, int h)
    {
        return (_options.Width, _options.Height) switch
        {
            ({ } ow, { } oh) => (ow, oh),
            ({ } ow, null) => (ow, Even((long)h * ow / w)),
            (null, { } oh) => (Even((long)w * oh / h), oh),
            _ => (w, h),
        };
        static int Even(long v) => (int)Math.Max(2, v & ~1L);
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
        _scaler.Dispose();
        var frame = _frame; Av.av_frame_free(&frame); _frame = null;
        var packet = _packet; Av.av_packet_free(&packet); _packet = null;
        var codec = _codec; Av.avcodec_free_context(&codec); _codec = null;
        var format = _format; if (format != null) Av.avformat_close_input(&format); _format = null;
    }
}
