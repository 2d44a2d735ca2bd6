using Microsoft.Extensions.Logging;
using Valkka.Actors.Analysis;

namespace Acme.Motion;

/// <summary>What changed between a camera's frame and its previous one.</summary>
public sealed record MotionResult(string CameraId, long Sequence, double Changed) : IAnalysisResult;

/// <summary>
/// Compares a grey 16x16 thumbnail of each frame with the camera's previous one and reports the
/// share of cells that changed by more than a grey level of 24, when it is at least min-changed.
/// </summary>
public sealed class MotionAnalyzer(AnalyzerSettings settings, ILogger log) : IFrameAnalyzer
{
    private const int Cells = 16;
    private readonly double _minChanged = settings.GetDouble("min-changed", 0.05);
    private readonly Dictionary<string, byte[]> _previous = new();

    public IAnalysisResult? Analyze(in FrameView frame, IClientContext context)
    {
        var thumb = new byte[Cells * Cells];
        for (int cy = 0; cy < Cells; cy++)
        {
            var row = frame.Row(cy * frame.Height / Cells);
            for (int cx = 0; cx < Cells; cx++)
            {
                int x = cx * frame.Width / Cells * 3;
                thumb[cy * Cells + cx] = (byte)((row[x] + row[x + 1] + row[x + 2]) / 3);
            }
        }
        bool first = !_previous.TryGetValue(frame.CameraId, out var before);
        _previous[frame.CameraId] = thumb;
        if (first)
        {
            log.LogInformation("{Camera}: first frame {Width}x{Height}", frame.CameraId, frame.Width, frame.Height);
            return null;
        }

        int changed = 0;
        for (int i = 0; i < thumb.Length; i++) if (Math.Abs(thumb[i] - before![i]) > 24) changed++;
        double share = (double)changed / thumb.Length;
        return share >= _minChanged ? new MotionResult(frame.CameraId, frame.Sequence, share) : null;
    }
}
