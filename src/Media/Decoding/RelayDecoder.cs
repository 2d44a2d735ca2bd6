using Valkka.Media.Frames;
using Valkka.Media.Native;
using Valkka.Media.Sessions;
using Valkka.Media.Sources;

namespace Valkka.Media.Decoding;

/// <summary>
/// Decodes a camera's encoded stream received from elsewhere (another host) into a target, as
/// <see cref="CameraDecoder"/> does for what it reads itself: a thread takes formats and packets from
/// a bounded queue, in order, and decodes them at the level the wanted rate needs. A full queue drops
/// the packet (counted in <see cref="QueueDropped"/>) and decoding starts again at the next keyframe.
/// </summary>
public sealed class RelayDecoder : IFrameSource
{
    private readonly record struct Item(StreamFormat? Format, StreamPacket? Packet, bool Gap, bool End = false);

    private readonly DecoderOptions _options;
    private readonly IFrameTarget _target;
    private readonly int _capacity;
    private readonly Queue<Item> _queue = new();
    private readonly object _gate = new();
    private readonly ManualResetEventSlim _stop = new(false);
    private readonly DecoderStats _stats = new();
    private readonly WantedRate _rate = new();
    private Thread? _thread;
    private bool _gapPending;
    private long _queueDropped;
    private long _packetsTaken;
    private volatile CameraStatus _status = new(CameraState.Stopped, "not started", DateTimeOffset.UtcNow);

    /// <param name="options">Url only names the stream in messages; Width, Height, Threads and Decode apply.</param>
    /// <param name="capacity">Packets the queue holds at most.</param>
    public RelayDecoder(DecoderOptions options, IFrameTarget target, int capacity = 256)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _options = options;
        _target = target;
        _capacity = capacity;
    }

    /// <summary>Raised on the decoder thread at every state change.</summary>
    public event Action<CameraStatus>? StatusChanged;

    /// <summary>Raised on the decoder thread each time it took a packet from the queue (decoded or not).</summary>
    public event Action? PacketTaken;

    public CameraStatus Status => _status;
    public DecoderCounters Counters => _stats.Snapshot();
    /// <summary>Packets taken from the queue so far (decoded or not); counted before <see cref="PacketTaken"/> is raised.</summary>
    public long PacketsTaken => Interlocked.Read(ref _packetsTaken);

    /// <summary>Packets dropped because the queue was full.</summary>
    public long QueueDropped => Interlocked.Read(ref _queueDropped);

    /// <summary>As <see cref="CameraDecoder.SetWantedRate"/>.</summary>
    public void SetWantedRate(double fps) => _rate.Fps = fps;

    public void Start()
    {
        lock (_gate)
        {
            if (_thread != null) throw new InvalidOperationException("this RelayDecoder was already started");
            FFmpegLibraries.EnsureLoaded();
            _thread = new Thread(Run) { IsBackground = true, Name = $"relay decoder {_options.Url}" };
            _thread.Start();
        }
        SetStatus(CameraState.Connecting, "waiting for the stream");
    }

    /// <summary>A new stream (session) starts: the packets that follow belong to it.</summary>
    public void Begin(StreamFormat format)
    {
        ArgumentNullException.ThrowIfNull(format);
        lock (_gate)
        {
            _queue.Enqueue(new Item(format, null, false));
            _gapPending = false;
            Monitor.Pulse(_gate);
        }
    }

    /// <summary>The stream stopped coming (why says how, e.g. the camera's host is unreachable): status Reconnecting until frames come again.</summary>
    public void ReportWaiting(string why) => SetStatus(CameraState.Reconnecting, why);

    /// <summary>The stream ended (a file that does not loop): its last frames are taken out of the decoder.</summary>
    public void End()
    {
        lock (_gate)
        {
            _queue.Enqueue(new Item(null, null, false, End: true));
            Monitor.Pulse(_gate);
        }
    }

    /// <summary>Queues a packet; gap: packets are missing before it. False: the queue was full and it was dropped.</summary>
    public bool Enqueue(StreamPacket packet, bool gap = false)
    {
        ArgumentNullException.ThrowIfNull(packet);
        lock (_gate)
        {
            if (_queue.Count >= _capacity)
            {
                _queueDropped++;
                _gapPending = true;
                return false;
            }
            _queue.Enqueue(new Item(null, packet, gap || _gapPending));
            _gapPending = false;
            Monitor.Pulse(_gate);
            return true;
        }
    }

    public void Stop()
    {
        Thread? thread;
        lock (_gate)
        {
            _stop.Set();
            Monitor.PulseAll(_gate);
            thread = _thread;
        }
        if (thread != null && thread != Thread.CurrentThread) thread.Join();
    }

    public void Dispose() => Stop();

    private void Run()
    {
        EncodedSession? session = null;
        try
        {
            while (Take() is { } item)
            {
                if (item.Format is { } format)
                {
                    session?.Dispose();
                    session = null;
                    session = new EncodedSession(_options, format, _target, _stats, _rate, _stop,
                        () => SetStatus(CameraState.Streaming, null));
                    continue;
                }
                if (item.End)
                {
                    if (session?.Drain() == false) break;
                    continue;
                }
                var ok = session?.Decode(item.Packet!, item.Gap) ?? true;
                Interlocked.Increment(ref _packetsTaken);
                PacketTaken?.Invoke();
                if (!ok) break;
            }
            SetStatus(CameraState.Stopped, null);
        }
        catch (Exception e)
        {
            SetStatus(CameraState.Failed, e is MediaSourceException ? e.Message : $"{e.GetType().Name}: {e.Message}");
        }
        finally
        {
            session?.Dispose();
        }
    }

    private Item? Take()
    {
        lock (_gate)
        {
            while (_queue.Count == 0 && !_stop.IsSet) Monitor.Wait(_gate);
            return _stop.IsSet ? null : _queue.Dequeue();
        }
    }

    private void SetStatus(CameraState state, string? reason)
    {
        _status = new CameraStatus(state, reason, DateTimeOffset.UtcNow);
        try
        {
            StatusChanged?.Invoke(_status);
        }
        catch
        {
            // A subscriber's exception must not kill the decoder thread.
        }
    }
}
