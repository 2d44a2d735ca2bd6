using System.Text.Json.Nodes;

namespace Valkka.Bench;

/// <summary>The ffmpeg CLI doing one camera's job on a clip at a rate: its CPU per delivered frame and the cameras that allows.</summary>
public sealed record FfmpegFigure(string Command, Measurement CpuMsPerFrame, double DeliveredFps)
{
    public static FfmpegFigure Measure(string clip, ClipShape shape, int fps, int runs, TextWriter log)
    {
        var arguments = FfmpegBaseline.Arguments(clip, fps, ClipShapes.KeyframeInterval(shape));
        var cpu = new List<double>();
        for (int i = 0; i < runs; i++) cpu.Add(FfmpegBaseline.Run(arguments).CpuMsPerFrame);
        var figure = new FfmpegFigure("ffmpeg " + string.Join(' ', arguments), Measurement.Of(cpu), Math.Min(fps, 25));
        log.WriteLine($"ffmpeg {ClipShapes.Name(shape)} {fps} fps: {figure.CpuMsPerFrame.Median:F3} CPU ms/frame, at most {figure.LimitCameras:0} cameras ({figure.Command})");
        return figure;
    }

    /// <summary>Cameras ffmpeg alone could keep in real time on all cores at its CPU per delivered frame.</summary>
    public double LimitCameras => CpuMsPerFrame.Median > 0 ? Environment.ProcessorCount * 1000 / (CpuMsPerFrame.Median * DeliveredFps) : 0;

    public JsonObject ToJson() => new()
    {
        ["command"] = Command, ["cpu_ms_per_frame"] = BenchReport.ToJson(CpuMsPerFrame), ["limit_cameras"] = BenchReport.Round(LimitCameras),
    };
}
