using Valkka.Media.Frames;
using Valkka.Media.Native;
using Valkka.Media.Sessions;
using Valkka.Media.Sources;

namespace Valkka.Media.Decoding;

/// <summary>
/// Owns a thread that opens the URL, decodes, scales the frames its readers want into the target
/// as RGB24 and reconnects with exponential backoff. Status changes are raised on that thread.
/// </summary>
public sealed class CameraDecoder : IFrameSource
{
    private readonly DecoderOptions _options;
    private readonly IFrameTarget _target;
    private readonly IPacketTap? _tap;
    private readonly MediaSource _source;
    private readonly InterruptGuard _interrupt = new();
    private readonly ManualResetEventSlim _stop = new(false);
    private readonly CancellationTokenSource _cancel = new();
    private readonly DecoderStats _stats = new();
    private readonly WantedRate _rate = new();
    private readonly ReconnectPolicy _policy;
    private readonly object _gate = new();
    private Thread? _thread;
    private volatile CameraStatus _status;
    private bool _streamedThisAttempt;

    public CameraDecoder(DecoderOptions options, IFrameTarget target) : this(options, target, null) { }

    /// <summary>As the other constructor; tap sees every video packet of libavformat sources as it is read (not pattern://).</summary>
    public CameraDecoder(DecoderOptions options, IFrameTarget target, IPacketTap? tap)
    {
        _tap = tap;
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(target);
        if (options.Width is <= 0 || options.Height is <= 0)
            throw new ArgumentOutOfRangeException(nameof(options), $"output size {options.Width}x{options.Height} must be positive");
        if (options.Threads < 0) throw new ArgumentOutOfRangeException(nameof(options), $"Threads {options.Threads} must be >= 0 (0 = auto)");
        if (options.OpenTimeout <= TimeSpan.Zero || options.ReadTimeout <= TimeSpan.Zero || options.StallTimeout <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(options), "OpenTimeout, ReadTimeout and StallTimeout must be positive");
        if (options.ReconnectInitialDelay < TimeSpan.Zero || options.ReconnectMaxDelay < options.ReconnectInitialDelay)
            throw new ArgumentOutOfRangeException(nameof(options), "need 0 <= ReconnectInitialDelay <= ReconnectMaxDelay");
        _options = options;
        _target = target;
        _source = MediaSource.Parse(options);
        _policy = new ReconnectPolicy(options.ReconnectInitialDelay, options.ReconnectMaxDelay, options.MaxReconnectAttempts);
        _status = new CameraStatus(CameraState.Stopped, "not started", DateTimeOffset.UtcNow);
    }

    /// <summary>Raised on the decoder thread at every state change.</summary>
    public event Action<CameraStatus>? StatusChanged;

    public CameraStatus Status => _status;
    public DecoderOptions Options => _options;

    /// <summary>Frames decoded (including those not wanted and those the target dropped).</summary>
    public long FramesDecoded => Interlocked.Read(ref _stats.Decoded);
    /// <summary>Wanted frames the target refused (TryBeginFrame returned false).</summary>
    public long FramesDropped => Interlocked.Read(ref _stats.Dropped);
    /// <summary>Every counter at once (each read atomically, not all at the same instant).</summary>
    public DecoderCounters Counters => _stats.Snapshot();
    /// <summary>The rate last asked for with <see cref="SetWantedRate"/>.</summary>
    public double WantedRate => _rate.Fps;

    /// <summary>
    /// How many frames a second the readers want, evenly spaced in capture time; callable from any
    /// thread, it takes effect at the next packet. double.PositiveInfinity (the default), or
    /// anything at or above the stream's rate: every frame. 0 or less: no reader; nothing is
    /// converted and, with Decode = Auto, only keyframes are decoded (they show the stream works
    /// and make the first frame for a new reader quick). With Decode = Auto, decoding more than
    /// keyframes again starts at the next keyframe.
    /// </summary>
    public void SetWantedRate(double fps) => _rate.Fps = fps;

    /// <summary>Starts the decoder thread. Throws <see cref="FFmpegLibraryException"/> if FFmpeg 5.1 is missing.</summary>
    public void Start()
    {
        lock (_gate)
        {
            if (_thread != null) throw new InvalidOperationException("this CameraDecoder was already started");
            if (_source.Kind != SourceKind.Pattern) FFmpegLibraries.EnsureLoaded();
            _status = new CameraStatus(CameraState.Connecting, null, DateTimeOffset.UtcNow);
            _thread = new Thread(Run) { IsBackground = true, Name = $"decoder {CameraUrl.Masked(_options.Url)}" };
            _thread.Start();
        }
    }

    /// <summary>Stops and waits for the thread; prompt even when it is blocked in a read.</summary>
    public void Stop()
    {
        Thread? thread;
        lock (_gate)
        {
            _interrupt.RequestStop();
            _stop.Set();
            _cancel.Cancel();
            thread = _thread;
        }
        if (thread != null && thread != Thread.CurrentThread) thread.Join();
    }

    public void Dispose() => Stop();

    private void Run()
    {
        try
        {
            SetStatus(CameraState.Connecting, null);
            while (!_stop.IsSet)
            {
                string reason;
                _streamedThisAttempt = false;
                try
                {
                    var end = RunOnce();
                    if (end == SessionEnd.Stopped || _stop.IsSet) break;
                    if (!_source.IsNetwork)
                    {
                        SetStatus(CameraState.Stopped, "end of file");
                        return;
                    }
                    reason = "the stream ended";
                }
                catch (MediaSourceException e) when (!_stop.IsSet)
                {
                    if (e.Permanent)
                    {
                        SetStatus(CameraState.Failed, e.Message);
                        return;
                    }
                    reason = e.Message;
                }
                catch (MediaSourceException)
                {
                    break;   // failed because Stop() interrupted it
                }

                if (_streamedThisAttempt) _policy.Reset();
                if (!_policy.TryNextDelay(out var delay))
                {
                    SetStatus(CameraState.Failed, $"{reason}; gave up after {_policy.Attempts} reconnect attempts");
                    return;
                }
                SetStatus(CameraState.Reconnecting, $"{reason}; reconnect attempt {_policy.Attempts} in {delay.TotalSeconds:0.###} s");
                if (_stop.Wait(delay)) break;
            }
            SetStatus(CameraState.Stopped, null);
        }
        catch (Exception e)
        {
            SetStatus(CameraState.Failed, $"{e.GetType().Name}: {e.Message}");
        }
    }

    private SessionEnd RunOnce()
    {
        if (_source.Kind == SourceKind.Pattern)
            return new PatternSource(_source, _target, _stop, _stats, _rate, OnFirstFrame).Run();

        var location = _source.Location;
        if (_source.Kind == SourceKind.Synthetic)
        {
            try
            {
                location = SyntheticClipCache.GetOrCreate(_source.Location, _source.Width, _source.Height, _source.Fps, _source.Codec, _cancel.Token);
            }
            catch (OperationCanceledException)
            {
                return SessionEnd.Stopped;
            }
            catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or IOException)
            {
                throw new MediaSourceException(CameraUrl.Masked($"{_options.Url}: {e.Message}"), permanent: true);
            }
        }
        using var session = new MediaSession(_options, _source, location, _target, _interrupt, _stop, _stats, _rate, OnFirstFrame, _tap);
        return session.Run();
    }

    private void OnFirstFrame()
    {
        _streamedThisAttempt = true;
        SetStatus(CameraState.Streaming, null);
    }

    private void SetStatus(CameraState state, string? reason)
    {
        var status = new CameraStatus(state, reason, DateTimeOffset.UtcNow);
        _status = status;
        try
        {
            StatusChanged?.Invoke(status);
        }
        catch
        {
            // A subscriber's exception must not kill the decoder thread.
        }
    }
}
