using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Valkka.Bench;

/// <summary>The decode sweep's figures as a Markdown table, and its goals with met or not.</summary>
public static class DecodeSweepTable
{
    public static string Format(IReadOnlyList<(DecodeCaseResult Result, DecodeLimits Limits)> results,
        IReadOnlyDictionary<(ClipShape, int), FfmpegFigure> ffmpeg, JsonObject ratios, JsonObject goals)
    {
        var text = new StringBuilder();
        text.AppendLine("| shape | fps | decoder | max cameras | camera node CPU ms/frame | ffmpeg CPU ms/frame | ffmpeg camera limit | limited by |");
        text.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var (r, limits) in results)
        {
            var f = ffmpeg[(r.Case.Shape, r.Case.Fps)];
            var cpu = r.Best is { } best ? Number(best.CameraCpuMsPerFrame, "0.000") : "-";
            var capped = r.TimeCapped ? " (time cap)" : "";
            text.AppendLine($"| {ClipShapes.Name(r.Case.Shape)} | {r.Case.Fps} | {r.Case.Decoder} | {r.MaxCameras}{capped} | {cpu} | " +
                            $"{Number(f.CpuMsPerFrame.Median, "0.000")} | {Number(f.LimitCameras, "0")} | {r.LimitedBy(limits)} |");
        }
        text.AppendLine();
        text.AppendLine("| goal | measured | target | met? |");
        text.AppendLine("|---|---|---|---|");
        foreach (var (name, goal) in goals)
        {
            double measured = (double)ratios[name]!, target = (double)goal!;
            text.AppendLine($"| {name} | {Number(measured, "0.00")} | >= {Number(target, "0.0")} | {(measured >= target ? "yes" : "no")} |");
        }
        return text.ToString();
    }

    private static string Number(double v, string format) => v.ToString(format, CultureInfo.InvariantCulture);
}
