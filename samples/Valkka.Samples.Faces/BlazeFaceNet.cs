using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Valkka.Samples.Faces;

/// <summary>
/// The BlazeFace net under ONNX Runtime (CPU). Input <c>input:0</c> float32 NHWC [n,S,S,3];
/// outputs raw scores [n,512,1] and [n,384,1] and regressors [n,512,16] and [n,384,16] (names with
/// <c>:0</c> suffixes), written into buffers this class owns (pinned, reused every run).
/// With <see cref="DynamicBatch"/> it runs a copy of the graph made at set-up time whose batch
/// dimension is free (<see cref="DynamicBatchGraph"/>); otherwise the shipped graph, batch 1.
/// Not thread-safe: one caller at a time (the master's thread).
/// </summary>
public sealed unsafe class BlazeFaceNet : IDisposable
{
    private const string InputName = "input:0";

    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly OrtMemoryInfo _cpu = OrtMemoryInfo.DefaultInstance;
    private readonly string[] _inputNames = [InputName];
    private readonly string[] _outputNames;
    private readonly OrtValue[] _inputs = new OrtValue[1];
    private readonly OrtValue[]?[] _outputsByBatch;
    private readonly float[] _scoresFine, _scoresCoarse, _regressorsFine, _regressorsCoarse;
    private readonly long[] _inputShape;

    /// <param name="memoryPattern">ONNX Runtime's memory pattern (one planned block per input shape); default: on for the
    /// fixed batch-1 graph, off for the dynamic-batch graph, where each batch size is another shape and the blocks it
    /// planned for varying sizes grew the process by 29 MiB over 800 runs (bench/Valkka.Bench.Faces --shapes).</param>
    public BlazeFaceNet(string modelPath, bool dynamicBatch = false, int maxBatch = 1, int intraOpThreads = 1, bool? memoryPattern = null)
    {
        if (maxBatch < 1) throw new ArgumentOutOfRangeException(nameof(maxBatch), maxBatch, "must be >= 1");
        if (!dynamicBatch) maxBatch = 1;
        DynamicBatch = dynamicBatch;
        MaxBatch = maxBatch;
        ModelPath = modelPath;

        using var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = intraOpThreads,
            InterOpNumThreads = 1,
            EnableMemoryPattern = memoryPattern ?? !dynamicBatch,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        try
        {
            var bytes = File.ReadAllBytes(modelPath);
            _session = new InferenceSession(dynamicBatch ? DynamicBatchGraph.Rewrite(bytes) : bytes, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidDataException($"ONNX Runtime cannot load the BlazeFace model '{modelPath}': {e.Message}", e);
        }

        if (!_session.InputMetadata.TryGetValue(InputName, out var input) || input.Dimensions.Length != 4
            || input.Dimensions[1] != input.Dimensions[2] || input.Dimensions[3] != 3)
            throw new InvalidDataException($"'{modelPath}' is not a BlazeFace model: no input '{InputName}' of shape [n,S,S,3]");
        InputSize = input.Dimensions[1];
        _inputShape = [1, InputSize, InputSize, 3];

        // Outputs by shape: scores end in 1, regressors in 16; the finer grid has more anchors.
        var outputs = _session.OutputMetadata.Select(kv => (Name: kv.Key, Anchors: kv.Value.Dimensions[1], Last: kv.Value.Dimensions[2])).ToList();
        var scores = outputs.Where(o => o.Last == 1).OrderByDescending(o => o.Anchors).ToList();
        var regressors = outputs.Where(o => o.Last == FaceDecoder.ValuesPerAnchor).OrderByDescending(o => o.Anchors).ToList();
        if (scores.Count != 2 || regressors.Count != 2 || scores[0].Anchors != regressors[0].Anchors || scores[1].Anchors != regressors[1].Anchors)
            throw new InvalidDataException($"'{modelPath}' does not have BlazeFace's outputs (two score and two regressor tensors)");
        _outputNames = [scores[0].Name, scores[1].Name, regressors[0].Name, regressors[1].Name];
        FineAnchors = scores[0].Anchors;
        CoarseAnchors = scores[1].Anchors;
        Anchors = BlazeFaceAnchors.ForOutputs(FineAnchors, CoarseAnchors);

        _scoresFine = GC.AllocateArray<float>(maxBatch * FineAnchors, pinned: true);
        _scoresCoarse = GC.AllocateArray<float>(maxBatch * CoarseAnchors, pinned: true);
        _regressorsFine = GC.AllocateArray<float>(maxBatch * FineAnchors * FaceDecoder.ValuesPerAnchor, pinned: true);
        _regressorsCoarse = GC.AllocateArray<float>(maxBatch * CoarseAnchors * FaceDecoder.ValuesPerAnchor, pinned: true);
        _outputsByBatch = new OrtValue[]?[maxBatch + 1];
        WarmUp();
    }

    // ONNX Runtime's first run of a shape plans memory and is many times slower than the next ones:
    // pay it at set-up, not on the first frames of a camera.
    private void WarmUp()
    {
        var zeros = GC.AllocateArray<float>(MaxBatch * InputFloats, pinned: true);
        fixed (float* p = zeros)
        {
            Run(p, 1);
            if (MaxBatch > 1) Run(p, MaxBatch);
        }
    }

    public string ModelPath { get; }
    public bool DynamicBatch { get; }
    public int MaxBatch { get; }
    public int InputSize { get; }
    public int FineAnchors { get; }
    public int CoarseAnchors { get; }
    public BlazeFaceAnchors Anchors { get; }
    public int InputFloats => InputSize * InputSize * 3;

    /// <summary>Runs the net over <paramref name="batch"/> tensors stored one after another at <paramref name="input"/>, read in place.</summary>
    public void Run(float* input, int batch)
    {
        if (batch < 1 || batch > MaxBatch)
            throw new ArgumentOutOfRangeException(nameof(batch), batch, $"this net takes batches of 1..{MaxBatch}");
        _inputShape[0] = batch;
        using var value = OrtValue.CreateTensorValueWithData(_cpu, TensorElementType.Float, _inputShape, (IntPtr)input,
            (long)batch * InputFloats * sizeof(float));
        _inputs[0] = value;
        _session.Run(_runOptions, _inputNames, _inputs, _outputNames, Outputs(batch));
        _inputs[0] = null!;
    }

    public void Run(ReadOnlySpan<float> input, int batch)
    {
        if (input.Length < batch * InputFloats)
            throw new ArgumentException($"{input.Length} floats is too few for {batch} tensors of {InputFloats}");
        fixed (float* p = input) Run(p, batch);
    }

    public ReadOnlySpan<float> ScoresFine(int image) => _scoresFine.AsSpan(image * FineAnchors, FineAnchors);
    public ReadOnlySpan<float> ScoresCoarse(int image) => _scoresCoarse.AsSpan(image * CoarseAnchors, CoarseAnchors);
    public ReadOnlySpan<float> RegressorsFine(int image) =>
        _regressorsFine.AsSpan(image * FineAnchors * FaceDecoder.ValuesPerAnchor, FineAnchors * FaceDecoder.ValuesPerAnchor);
    public ReadOnlySpan<float> RegressorsCoarse(int image) =>
        _regressorsCoarse.AsSpan(image * CoarseAnchors * FaceDecoder.ValuesPerAnchor, CoarseAnchors * FaceDecoder.ValuesPerAnchor);

    private OrtValue[] Outputs(int batch)
    {
        if (_outputsByBatch[batch] is { } cached) return cached;
        return _outputsByBatch[batch] =
        [
            Wrap(_scoresFine, [batch, FineAnchors, 1]),
            Wrap(_scoresCoarse, [batch, CoarseAnchors, 1]),
            Wrap(_regressorsFine, [batch, FineAnchors, FaceDecoder.ValuesPerAnchor]),
            Wrap(_regressorsCoarse, [batch, CoarseAnchors, FaceDecoder.ValuesPerAnchor]),
        ];
    }

    private OrtValue Wrap(float[] pinned, long[] shape)
    {
        var count = shape.Aggregate(1L, (a, b) => a * b);
        return OrtValue.CreateTensorValueWithData(_cpu, TensorElementType.Float, shape,
            (IntPtr)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(pinned)), count * sizeof(float));
    }

    public void Dispose()
    {
        foreach (var set in _outputsByBatch)
            if (set != null) foreach (var v in set) v.Dispose();
        _runOptions.Dispose();
        _session.Dispose();
    }
}
