using System.Diagnostics;
using Valkka.Samples.Faces;

namespace Valkka.Bench.Faces;

public sealed record AloneFigures(double WallMsPerFrame, double CpuMsPerFrame);

/// <summary>ONNX Runtime alone on the benchmark's tensors: Run back to back on this thread, nothing else.</summary>
public static unsafe class OnnxAlone
{
    /// <summary>Per frame, batch 1 runs of the shipped graph or batches of <paramref name="batch"/> of the dynamic-batch graph.</summary>
    public static AloneFigures Measure(string model, TensorSet tensors, int batch, TimeSpan duration)
    {
        using var net = new BlazeFaceNet(model, dynamicBatch: batch > 1, maxBatch: batch);
        var floats = net.InputFloats;
        var usable = tensors.Count / batch * batch;
        long frames = 0;
        var cpu0 = ThreadCpuClock.Milliseconds();
        var clock = Stopwatch.StartNew();
        fixed (float* all = tensors.Tensors)
        {
            for (var i = 0; clock.Elapsed < duration; i = (i + batch) % usable)
            {
                net.Run(all + (long)i * floats, batch);
                frames += batch;
            }
        }
        return new AloneFigures(clock.Elapsed.TotalMilliseconds / frames, (ThreadCpuClock.Milliseconds() - cpu0) / frames);
    }
}
