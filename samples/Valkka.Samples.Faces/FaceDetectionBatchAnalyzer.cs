using System.Diagnostics;
using System.Runtime.InteropServices;
using Valkka.Actors.Analysis;

namespace Valkka.Samples.Faces;

/// <summary>
/// Master analyzer: BlazeFace on ONNX Runtime (CPU) over tensor frames written by
/// <see cref="FacePreprocessingAnalyzer"/> into the clients' rings, read in place.
/// Settings:
///   model = front-128 (default) | back-256 | a path to an .onnx file
///   score-threshold = 0.75, iou-threshold = 0.3
///   batch-mode = sequential (default: one run per frame, straight from the ring slot, zero copy)
///              | dynamic (frames copied into one batch tensor, one run of a dynamic-batch copy of the graph)
///   max-batch = 8 (dynamic mode: frames per run), intra-op-threads = 1
/// </summary>
public sealed unsafe class FaceDetectionBatchAnalyzer : IBatchAnalyzer, IDisposable
{
    private readonly BlazeFaceNet _net;
    private readonly FaceDecoder _decoder;
    private readonly List<FaceDetection> _faces = new(8);
    private readonly Letterbox[] _boxes;
    private readonly float[] _batchTensor;
    private readonly Stopwatch _netClock = new();

    public FaceDetectionBatchAnalyzer() : this(AnalyzerSettings.Empty) { }

    public FaceDetectionBatchAnalyzer(AnalyzerSettings settings)
    {
        settings ??= AnalyzerSettings.Empty;
        var model = settings.GetString("model", "front-128");
        var path = model switch
        {
            "front-128" => BlazeFaceModel.Locate(file: BlazeFaceModel.Front128),
            "back-256" => BlazeFaceModel.Locate(file: BlazeFaceModel.Back256),
            _ => BlazeFaceModel.Locate(explicitPath: model),
        };
        var mode = settings.GetString("batch-mode", "sequential");
        if (mode is not ("sequential" or "dynamic"))
            throw new ArgumentException($"setting 'batch-mode' must be sequential or dynamic, got '{mode}'");
        var maxBatch = settings.GetInt("max-batch", 8);
        if (maxBatch is < 1 or > 256) throw new ArgumentException($"setting 'max-batch' must be within 1..256, got {maxBatch}");
        var threads = settings.GetInt("intra-op-threads", 1);
        if (threads < 0) throw new ArgumentException($"setting 'intra-op-threads' must be >= 0 (0 = ONNX Runtime's default), got {threads}");
        var score = (float)settings.GetDouble("score-threshold", 0.75f);
        var iou = (float)settings.GetDouble("iou-threshold", 0.3f);
        if (score is <= 0 or >= 1) throw new ArgumentException($"setting 'score-threshold' must be within (0, 1), got {score}");
        if (iou is <= 0 or > 1) throw new ArgumentException($"setting 'iou-threshold' must be within (0, 1], got {iou}");

        _net = new BlazeFaceNet(path, mode == "dynamic", maxBatch, threads);
        _decoder = new FaceDecoder(_net.Anchors, _net.InputSize, score, iou);
        _boxes = new Letterbox[_net.MaxBatch];
        _batchTensor = _net.DynamicBatch ? GC.AllocateArray<float>(_net.MaxBatch * _net.InputFloats, pinned: true) : [];
    }

    public int InputSize => _net.InputSize;
    public bool DynamicBatch => _net.DynamicBatch;
    public int MaxBatch => _net.MaxBatch;
    public long FramesAnalyzed { get; private set; }
    public long NetRuns { get; private set; }
    /// <summary>Time spent inside ONNX Runtime's Run, for telling the net's cost from the framework's.</summary>
    public TimeSpan NetTime => _netClock.Elapsed;
    /// <summary>CPU time of this thread inside ONNX Runtime's Run (Linux; intra-op threads 1 keeps the work on this thread).</summary>
    public double NetCpuMilliseconds { get; private set; }

    public void AnalyzeBatch(in FrameBatch frames, Span<IAnalysisResult?> results)
    {
        if (_net.DynamicBatch) AnalyzeDynamic(frames, results);
        else AnalyzeSequential(frames, results);
        FramesAnalyzed += frames.Count;
    }

    private void AnalyzeSequential(in FrameBatch frames, Span<IAnalysisResult?> results)
    {
        for (var i = 0; i < frames.Count; i++)
        {
            var frame = frames[i];
            if (!TryLetterbox(frame, out var box, out var failure))
            {
                results[i] = failure!;
                continue;
            }
            fixed (byte* pixels = frame.Pixels)
                Run((float*)pixels, 1);
            results[i] = Decode(frame, 0, box);
        }
    }

    private void AnalyzeDynamic(in FrameBatch frames, Span<IAnalysisResult?> results)
    {
        var tensorBytes = FaceTensorFrame.TensorBytes(_net.InputSize);
        var batchBytes = MemoryMarshal.AsBytes(_batchTensor.AsSpan());
        Span<int> members = stackalloc int[_net.MaxBatch];
        var next = 0;
        while (next < frames.Count)
        {
            var n = 0;
            for (; next < frames.Count && n < _net.MaxBatch; next++)
            {
                if (!TryLetterbox(frames[next], out var box, out var failure))
                {
                    results[next] = failure!;
                    continue;
                }
                frames[next].Pixels[..tensorBytes].CopyTo(batchBytes.Slice(n * tensorBytes, tensorBytes));
                _boxes[n] = box;
                members[n++] = next;
            }
            if (n == 0) continue;
            fixed (float* batch = _batchTensor)
                Run(batch, n);
            for (var j = 0; j < n; j++)
                results[members[j]] = Decode(frames[members[j]], j, _boxes[j]);
        }
    }

    private void Run(float* input, int batch)
    {
        var cpu = ThreadCpuClock.Milliseconds();
        _netClock.Start();
        _net.Run(input, batch);
        _netClock.Stop();
        NetCpuMilliseconds += ThreadCpuClock.Milliseconds() - cpu;
        NetRuns++;
    }

    private bool TryLetterbox(in FrameView frame, out Letterbox box, out IAnalysisResult? failure)
    {
        try
        {
            box = FaceTensorFrame.ReadTrailer(frame.Pixels, frame.Info, frame.CameraId);
            if (box.Size != _net.InputSize)
                throw new InvalidDataException($"camera '{frame.CameraId}': tensor is {box.Size}x{box.Size}, the model takes {_net.InputSize}x{_net.InputSize} (check the clients' 'size' setting)");
            failure = null;
            return true;
        }
        catch (InvalidDataException e)
        {
            box = default;
            failure = new FaceDetectionFailed(frame.CameraId, frame.Sequence, e.Message);
            return false;
        }
    }

    private FaceDetectionResult Decode(in FrameView frame, int image, in Letterbox box)
    {
        _faces.Clear();
        _decoder.Decode(_net.ScoresFine(image), _net.ScoresCoarse(image), _net.RegressorsFine(image),
            _net.RegressorsCoarse(image), box, _faces);
        return FaceDetectionResult.Create(frame.CameraId, frame.Sequence, box.SourceWidth, box.SourceHeight, _faces);
    }

    public void Dispose() => _net.Dispose();
}
