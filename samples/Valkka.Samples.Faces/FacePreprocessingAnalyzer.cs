using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Valkka.Actors.Analysis;
using Valkka.Actors.Messages;
using Valkka.Media.Sessions;

namespace Valkka.Samples.Faces;

/// <summary>
/// Client analyzer in front of the face-detection master: per camera, frames with motion (or all
/// frames, without gating) are letterboxed and normalised into BlazeFace's input tensor, written
/// straight into the client's own ring (<see cref="IClientContext.ForwardDerived"/>), and that
/// reference goes to the master. Faces coming back are counted per camera and logged, optionally
/// appended as JSON lines to a file, and drawn on snapshots.
/// Settings:
///   size = 128 (the model's input size)
///   motion-gating = on; motion { downscale = 4, threshold = 25, min-fraction = 0.005 }
///   results-file = (none) path of a JSON-lines log of every result
///   snapshots { folder = ..., interval = 5, draw-boxes = on } (none: no snapshots)
/// </summary>
public sealed class FacePreprocessingAnalyzer : IFrameAnalyzer
{
    private sealed class CameraState(int size, MotionGrid motion)
    {
        public readonly FaceTensorWriter Writer = new(size);
        public readonly MotionGrid Motion = motion;
    }

    private readonly Dictionary<string, CameraState> _cameras = new();
    private readonly ConcurrentDictionary<string, long> _faces = new();
    private readonly ConcurrentDictionary<string, FaceDetectionResult> _lastResults = new();
    private readonly DerivedFrameWriter _write;
    private readonly SnapshotWriterAnalyzer? _snapshots;
    private readonly int _downscale, _threshold;
    private readonly double _minFraction;
    private readonly Lock _fileLock = new();
    private bool _warnedNoMaster;
    private long _forwarded, _still, _dropped, _results, _failures, _framesWithFaces;

    public FacePreprocessingAnalyzer() : this(AnalyzerSettings.Empty) { }

    public FacePreprocessingAnalyzer(AnalyzerSettings settings)
    {
        settings ??= AnalyzerSettings.Empty;
        Size = settings.GetInt("size", 128);
        if (Size is < 16 or > 1024) throw new ArgumentException($"setting 'size' must be within 16..1024, got {Size}");
        MotionGating = settings.GetBool("motion-gating", true);
        var motion = settings.Section("motion");
        _downscale = motion.GetInt("downscale", 4);
        _threshold = motion.GetInt("threshold", 25);
        _minFraction = motion.GetDouble("min-fraction", 0.005);
        if (_downscale < 1) throw new ArgumentException($"setting 'motion.downscale' must be >= 1, got {_downscale}");
        if (_threshold is < 0 or > 255) throw new ArgumentException($"setting 'motion.threshold' must be within 0..255, got {_threshold}");
        if (_minFraction is < 0 or > 1) throw new ArgumentException($"setting 'motion.min-fraction' must be within 0..1, got {_minFraction}");
        ResultsFile = settings.Has("results-file") ? settings.GetString("results-file", "") : null;
        if (settings.Has("snapshots"))
            _snapshots = new SnapshotWriterAnalyzer(settings.Section("snapshots"));
        _write = WriteTensor;
    }

    public int Size { get; }
    public bool MotionGating { get; }
    public string? ResultsFile { get; }
    public long Forwarded => Interlocked.Read(ref _forwarded);
    public long SkippedWithoutMotion => Interlocked.Read(ref _still);
    public long DroppedNoSlot => Interlocked.Read(ref _dropped);
    public long ResultsReceived => Interlocked.Read(ref _results);
    public long FailuresReceived => Interlocked.Read(ref _failures);
    public long FramesWithFaces => Interlocked.Read(ref _framesWithFaces);
    public long FacesSeen(string cameraId) => _faces.GetValueOrDefault(cameraId);
    public FaceDetectionResult? LastResult(string cameraId) => _lastResults.GetValueOrDefault(cameraId);

    public IAnalysisResult? Analyze(in FrameView frame, IClientContext context)
    {
        if (!_cameras.TryGetValue(frame.CameraId, out var cam))
            _cameras[frame.CameraId] = cam = new CameraState(Size, new MotionGrid(_downscale, _threshold));

        var snapshot = _snapshots?.Analyze(frame, context);
        if (MotionGating && cam.Motion.Update(frame) <= _minFraction)
        {
            Interlocked.Increment(ref _still);
            return snapshot;
        }
        if (!context.HasMaster)
        {
            if (!_warnedNoMaster)
                context.Log.LogWarning("{0}: FacePreprocessingAnalyzer has no master to send tensors to; set the client's master", context.ClientId);
            _warnedNoMaster = true;
            return snapshot;
        }
        if (context.ForwardDerived(FaceTensorFrame.Info(Size, frame.TimestampMs), _write))
            Interlocked.Increment(ref _forwarded);
        else
            Interlocked.Increment(ref _dropped);
        return snapshot;
    }

    public void OnMasterResult(MasterResult result, IClientContext context)
    {
        switch (result.Result)
        {
            case FaceDetectionResult faces:
                Interlocked.Increment(ref _results);
                // The camera id the client knows is authoritative (the master saw the client's derived frame).
                _lastResults[result.CameraId] = faces;
                if (faces.Count > 0)
                {
                    Interlocked.Increment(ref _framesWithFaces);
                    var total = _faces.AddOrUpdate(result.CameraId, faces.Count, (_, n) => n + faces.Count);
                    context.Log.LogInformation("{0}: {1} (total {2} on {3})", context.ClientId, faces, total, result.CameraId);
                }
                _snapshots?.Remember(result.CameraId, faces);
                AppendToFile(result, faces);
                break;
            case FaceDetectionFailed failed:
                Interlocked.Increment(ref _failures);
                context.Log.LogWarning("{0}: face detection failed for {1} #{2}: {3}", context.ClientId, result.CameraId, result.Sequence, failed.Reason);
                break;
            default:
                context.Log.LogWarning("{0}: unexpected master result {1}", context.ClientId, result.Result.GetType().Name);
                break;
        }
    }

    private void WriteTensor(in FrameView source, Span<byte> destination)
    {
        var cam = _cameras[source.CameraId];
        var box = cam.Writer.Write(source, FaceTensorFrame.Tensor(destination, Size));
        FaceTensorFrame.WriteTrailer(destination, box);
    }

    private void AppendToFile(MasterResult result, FaceDetectionResult faces)
    {
        if (ResultsFile is null) return;
        var line = JsonSerializer.Serialize(new
        {
            client = result.ClientId,
            camera = result.CameraId,
            sequence = result.Sequence,
            width = faces.FrameWidth,
            height = faces.FrameHeight,
            faces = faces.Faces.Select(f => new { x = f.X, y = f.Y, w = f.Width, h = f.Height, score = f.Score }),
        });
        lock (_fileLock) File.AppendAllText(ResultsFile, line + "\n");
    }
}
