using System.Diagnostics;
using Valkka.Media.Frames;
using Valkka.Media.Native;
using Valkka.Media.Pacing;
using Valkka.Media.Sources;

namespace Valkka.Media.Decoding;

/// <summary>
/// Sends a session's video packets to the opened codec at the level <see cref="DecodePolicy"/>
/// chooses, and converts into the target only the frames <see cref="FrameSelector"/> wants. Each
/// frame carries its stream frame index (the ordinal of its packet among the video packets read
/// since the session opened) through libavcodec's reordered_opaque. At the Keyframes level other
/// packets never reach the decoder and each keyframe is drained at once, so it comes out without
/// the reorder delay; after that the decoder only takes up other packets again at a keyframe.
/// Allocates nothing per packet.
/// </summary>
internal sealed unsafe class SelectiveDecoder : IDisposable
{
    private readonly void* _codec;
    private readonly FrameSink _sink;
    private readonly DecoderStats _stats;
    private readonly WantedRate _rate;
    private readonly DecodePolicy _policy;
    private readonly FrameLedger _ledger;
    private readonly double _timeBase;
    private readonly LoopTimeline _timeline;
    private readonly BacklogSkip _backlog;
    private void* _frame;
    private DecodeMode _level = DecodeMode.All;
    private long _nextIndex;
    // A session starts at its first keyframe: packets before it (a live stream joined between
    // keyframes, a file cut mid-GOP) cannot be decoded into whole pictures, so they are not sent
    // (counted as not decoded) and do not count as the decoder being alive.
    private bool _needKey = true, _keyframeDecoded;
    private readonly GopBuffer _gop = new();
    // Frames of packets below this index come from a catch-up (CatchUp); the one of this index was decoded before.
    private long _catchUpBelow = -1, _catchUpKeyframe = -1;

    public SelectiveDecoder(void* codec, FrameSink sink, DecoderStats stats, WantedRate rate, DecodeMode configured,
                            double timeBaseSeconds, double nativeFps, StreamLag lag)
    {
        _codec = codec;
        _sink = sink;
        _stats = stats;
        _rate = rate;
        _timeBase = timeBaseSeconds;
        _policy = new DecodePolicy(configured, nativeFps);
        _ledger = new FrameLedger(stats);
        _backlog = new BacklogSkip(lag, stats, nativeFps);
        Volatile.Write(ref stats.NativeFps, double.IsFinite(nativeFps) ? nativeFps : 0);
        Volatile.Write(ref stats.BehindSinceUnixMs, 0);   // a new session starts at real time
        _timeline = new LoopTimeline(double.IsFinite(nativeFps) && nativeFps > 0 ? 1 / nativeFps : 0.04);
        _frame = Av.av_frame_alloc();
        if (_frame == null) throw new OutOfMemoryException("av_frame_alloc failed");
    }

    /// <summary>Environment.TickCount64 when the decoder last showed it works (a frame, or a packet skipped on purpose meanwhile).</summary>
    public long LastAliveTick { get; private set; } = Environment.TickCount64;

    /// <summary>
    /// The stream frame index the next packet gets. A decoder fed packets read elsewhere sets it to
    /// the index the reading side gave each packet, so its frames carry the same indices.
    /// </summary>
    public long NextIndex
    {
        get => _nextIndex;
        set
        {
            _nextIndex = value;
            if (value < _catchUpBelow) _catchUpBelow = -1;   // a new stream's indices start again
        }
    }

    /// <summary>Packets are missing before the next one: takes out what the decoder holds and starts again at a keyframe.</summary>
    public bool Restart(long arrivalMs)
    {
        var ok = Drain(arrivalMs);
        _needKey = true;
        _keyframeDecoded = false;
        return ok;
    }

    /// <summary>Takes one video packet (and unrefs it, or keeps it in the GOP); false if stopped meanwhile.</summary>
    public bool Decode(void* packet, long arrivalMs)
    {
        var index = _nextIndex++;
        Interlocked.Increment(ref _stats.Read);
        var key = (*(int*)((byte*)packet + AvLayout.PacketFlags) & AvConst.PacketFlagKey) != 0;
        var pts = *(long*)((byte*)packet + AvLayout.PacketPts);
        var seconds = Seconds(pts);
        _policy.ObservePacket(key, seconds);
        _sink.SawPacket(pts);
        _timeline.Saw(seconds);
        var wanted = _rate.Fps;
        _sink.SetRate(wanted);
        var level = _policy.Choose(wanted);
        var behind = _backlog.Skips(key, pts, seconds, arrivalMs, _policy.KeyframeInterval, wanted);
        if (behind)
        {
            if (_backlog.Started)
            {
                // What the decoder holds is older still: dropped, not drained into the target.
                Av.avcodec_flush_buffers(_codec);
                _ledger.Settle(behind: true);
                _needKey = true;
                _catchUpBelow = -1;
            }
            _gop.Clear();
            return Skip(packet, kept: false);
        }
        // A reader wants more than keyframes now: start from the GOP's keyframe, not the next one.
        if (!key && _needKey && level != DecodeMode.Keyframes && _gop.Count > 0 && !CatchUp(level, index, arrivalMs)) return false;
        if (!key && (level == DecodeMode.Keyframes || _needKey))
            return Skip(packet, kept: level == DecodeMode.Keyframes && _gop.TryKeep(packet, index));
        _needKey = false;
        SetLevel(level);
        *(long*)((byte*)_codec + AvLayout.CodecContextReorderedOpaque) = index;
        var started = Stopwatch.GetTimestamp();
        var ret = Av.avcodec_send_packet(_codec, packet);
        Interlocked.Add(ref _stats.DecodeTicks, Stopwatch.GetTimestamp() - started);
        if (ret >= 0 && key && level == DecodeMode.Keyframes) _gop.StartAt(packet, index);
        else
        {
            Av.av_packet_unref(packet);
            _gop.Clear();
        }
        // A damaged packet (lost data on a network stream) is skipped; the stall detector
        // reconnects if nothing decodes any more.
        if (ret < 0) Interlocked.Increment(ref _stats.Lost);
        else _ledger.Sent(index, level);
        if (ret < 0 && ret != AvConst.ErrorAgain) return true;
        if (level != DecodeMode.Keyframes) return ReceiveFrames(arrivalMs);

        var before = Interlocked.Read(ref _stats.Decoded);
        var ok = Drain(arrivalMs, keepGop: true);
        _keyframeDecoded = Interlocked.Read(ref _stats.Decoded) > before;
        _needKey = true;
        return ok;
    }

    /// <summary>A packet not decoded: let go (or kept in the GOP) and counted.</summary>
    private bool Skip(void* packet, bool kept)
    {
        if (!kept) Av.av_packet_unref(packet);
        Interlocked.Increment(ref _stats.NotDecoded);
        if (_keyframeDecoded) LastAliveTick = Environment.TickCount64;
        return true;
    }

    /// <summary>
    /// Decodes the kept GOP (its keyframe, decoded once already, and the packets after it) so that the
    /// packet of index next decodes at once. Their frames are in the past: counted as decoded and not
    /// converted, never offered. False if stopped meanwhile.
    /// </summary>
    private bool CatchUp(DecodeMode level, long next, long arrivalMs)
    {
        SetLevel(level);
        _catchUpBelow = next;
        _catchUpKeyframe = _gop.IndexAt(0);
        for (var i = 0; i < _gop.Count; i++)
        {
            var index = _gop.IndexAt(i);
            *(long*)((byte*)_codec + AvLayout.CodecContextReorderedOpaque) = index;
            var started = Stopwatch.GetTimestamp();
            var ret = Av.avcodec_send_packet(_codec, _gop.PacketAt(i));
            Interlocked.Add(ref _stats.DecodeTicks, Stopwatch.GetTimestamp() - started);
            // The packets after the keyframe were counted as not decoded when they were kept.
            if (i > 0) Interlocked.Decrement(ref _stats.NotDecoded);
            if (ret < 0)
            {
                if (i > 0) Interlocked.Increment(ref _stats.Lost);
                continue;
            }
            _ledger.Sent(index, level);
            if (!ReceiveFrames(arrivalMs))
            {
                _gop.Clear();
                return false;
            }
        }
        _gop.Clear();
        _needKey = false;
        return true;
    }

    /// <summary>Takes out every frame still inside the decoder and resets it; false if stopped meanwhile.</summary>
    public bool Drain(long arrivalMs) => Drain(arrivalMs, keepGop: false);

    private bool Drain(long arrivalMs, bool keepGop)
    {
        if (!keepGop) _gop.Clear();
        Av.avcodec_send_packet(_codec, null);
        var ok = ReceiveFrames(arrivalMs);
        Av.avcodec_flush_buffers(_codec);
        _ledger.Settle();
        _catchUpBelow = -1;
        return ok;
    }

    /// <summary>The file loops: the frames that follow continue the stream time after the last one.</summary>
    public void Loop() => _timeline.Loop();

    private bool Received()
    {
        var started = Stopwatch.GetTimestamp();
        var ret = Av.avcodec_receive_frame(_codec, _frame);
        Interlocked.Add(ref _stats.DecodeTicks, Stopwatch.GetTimestamp() - started);
        return ret == 0;
    }

    private bool ReceiveFrames(long arrivalMs)
    {
        while (Received())
        {
            var frame = (byte*)_frame;
            var index = *(long*)(frame + AvLayout.FrameReorderedOpaque);
            _ledger.CameOut(index);
            LastAliveTick = Environment.TickCount64;
            if (index < _catchUpBelow)
            {
                // A frame of the GOP caught up (the keyframe was counted when it was decoded first).
                if (index != _catchUpKeyframe)
                {
                    Interlocked.Increment(ref _stats.Decoded);
                    Interlocked.Increment(ref _stats.NotConverted);
                }
                Av.av_frame_unref(_frame);
                continue;
            }
            Interlocked.Increment(ref _stats.Decoded);
            var pts = *(long*)(frame + AvLayout.FrameBestEffortTimestamp);
            var seconds = pts == AvConst.NoPts ? arrivalMs / 1000.0 : _timeline.Continue(Seconds(pts));
            _policy.ObserveDecoded(_level, seconds);
            var ok = _sink.Offer(frame, pts, seconds, index, arrivalMs);
            Av.av_frame_unref(_frame);
            if (!ok) return false;
        }
        return true;
    }

    private void SetLevel(DecodeMode level)
    {
        if (level == _level) return;
        _level = level;
        *(int*)((byte*)_codec + AvLayout.CodecContextSkipFrame) = level switch
        {
            DecodeMode.Reference => AvConst.DiscardNonRef,
            DecodeMode.Keyframes => AvConst.DiscardNonKey,
            _ => AvConst.DiscardDefault,
        };
    }

    private double Seconds(long pts) => pts == AvConst.NoPts ? double.NaN : pts * _timeBase;

    public void Dispose()
    {
        _gop.Dispose();
        _ledger.Settle();
        var frame = _frame;
        Av.av_frame_free(&frame);
        _frame = null;
    }
}
