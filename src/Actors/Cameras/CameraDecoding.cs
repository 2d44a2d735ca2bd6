using Akka.Actor;
using Akka.Event;
using Valkka.Media.Decoding;
using Valkka.Media.Sessions;
using Valkka.Media.Sources;
using Valkka.Shm;

namespace Valkka.Actors.Cameras;

/// <summary>
/// A camera's decoder (its own, or a relay of a camera on another host) and the ring it decodes into: creates the ring first when the size is
/// configured (else the target creates it on the first frame), and when the ring cannot be created
/// (no room in /dev/shm) stops the decoder, keeps the camera failed with the reason and starts a new
/// decoder after RingRetryInterval (counters start again from 0 with it). Only the current decoder's
/// status changes count. Call it from the camera actor's handlers only.
/// </summary>
internal sealed class CameraDecoding(CameraSettings settings, RingFrameTarget target, IActorRef self, ILoggingAdapter log,
    Action<CameraStatus> setStatus, Action started, Func<IFrameSource> createSource)
{
    public sealed record DecoderStatus(IFrameSource Source, CameraStatus Status);

    public sealed record RetryRing
    {
        public static readonly RetryRing Instance = new();
    }

    private bool _stoppedOnRequest;
    private IFrameSource? _last;

    /// <summary>The running decoder; null while the ring cannot be created.</summary>
    public IFrameSource? Decoder { get; private set; }

    /// <summary>The counters of the running decoder, or of the last one that ran.</summary>
    public DecoderCounters Counters => (Decoder ?? _last)?.Counters ?? default;

    /// <summary>Creates the ring if its size is known, then starts a decoder (PreStart, and each retry).</summary>
    public void Start(ITimerScheduler timers)
    {
        if (_stoppedOnRequest || Decoder is not null) return;
        if (settings.Decoder.Width is { } w && settings.Decoder.Height is { } h)
        {
            // Size known: create the ring now, so a problem (no room in /dev/shm) shows at once.
            try { target.CreateRing(w, h); }
            catch (RingException e)
            {
                OnRingFailed(e.Message, timers);
                return;
            }
        }
        target.ClearFailure();
        var decoder = createSource();
        decoder.StatusChanged += s => self.Tell(new DecoderStatus(decoder, s));
        Decoder = decoder;
        started();
        decoder.Start();
    }

    /// <summary>The ring could not be created: no decoding until the retry.</summary>
    public void OnRingFailed(string reason, ITimerScheduler timers)
    {
        StopDecoder();
        setStatus(new CameraStatus(CameraState.Failed, reason, DateTimeOffset.UtcNow));
        if (_stoppedOnRequest) return;
        log.Warning("Camera {0}: trying to create its ring again in {1} s", settings.CameraId, settings.RingRetryInterval.TotalSeconds);
        timers.StartSingleTimer(nameof(RetryRing), RetryRing.Instance, settings.RingRetryInterval);
    }

    public void OnDecoderStatus(DecoderStatus m)
    {
        if (ReferenceEquals(m.Source, Decoder)) setStatus(m.Status);
    }

    /// <summary>Stops decoding for good (StopDecoding, the actor stops).</summary>
    public void Stop()
    {
        _stoppedOnRequest = true;
        StopDecoder();
    }

    private void StopDecoder()
    {
        if (Decoder is not { } decoder) return;
        Decoder = null;
        _last = decoder;
        try { decoder.Dispose(); }
        catch (Exception e) { log.Error(e, "Camera {0}: stopping the decoder failed", settings.CameraId); }
    }
}
