using Valkka.Actors.Analysis;

namespace Valkka.Samples.Faces;

/// <summary>
/// Decodes BlazeFace's raw outputs for one image: sigmoid scores over a threshold, boxes and
/// keypoints relative to their anchors, weighted non-maximum suppression (overlapping boxes with
/// IoU at or over the threshold are blended by score, as MediaPipe does), then mapped back from the
/// letterboxed tensor to frame pixels. The candidate list is reused between calls.
/// </summary>
public sealed class FaceDecoder
{
    public const int ValuesPerAnchor = 16;
    public const int Keypoints = 6;

    private readonly BlazeFaceAnchors _anchors;
    private readonly List<Candidate> _candidates = new(64);
    private readonly List<Candidate> _cluster = new(16);
    private readonly float _logitThreshold;

    private readonly record struct Candidate(int Anchor, float Score, float XMin, float YMin, float XMax, float YMax);

    public FaceDecoder(BlazeFaceAnchors anchors, int inputSize, float scoreThreshold = 0.75f, float iouThreshold = 0.3f)
    {
        if (scoreThreshold is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(scoreThreshold), scoreThreshold, "must be within (0, 1)");
        if (iouThreshold is <= 0 or > 1) throw new ArgumentOutOfRangeException(nameof(iouThreshold), iouThreshold, "must be within (0, 1]");
        _anchors = anchors;
        InputSize = inputSize;
        ScoreThreshold = scoreThreshold;
        IouThreshold = iouThreshold;
        _logitThreshold = MathF.Log(scoreThreshold / (1 - scoreThreshold)); // sigmoid(x) >= t  <=>  x >= logit(t)
    }

    public int InputSize { get; }
    public float ScoreThreshold { get; }
    public float IouThreshold { get; }

    /// <summary>
    /// Appends the faces of one image to <paramref name="faces"/>, best first. The spans are the net's
    /// four outputs for that image: raw scores (one per anchor) and regressors (16 per anchor) of the
    /// fine grid and of the coarse grid, in anchor order.
    /// </summary>
    public void Decode(ReadOnlySpan<float> scoresFine, ReadOnlySpan<float> scoresCoarse,
        ReadOnlySpan<float> regressorsFine, ReadOnlySpan<float> regressorsCoarse, in Letterbox letterbox, List<FaceDetection> faces)
    {
        var first = _anchors.FirstOutputCount;
        if (scoresFine.Length != first || scoresFine.Length + scoresCoarse.Length != _anchors.Count
            || regressorsFine.Length != first * ValuesPerAnchor || regressorsCoarse.Length != scoresCoarse.Length * ValuesPerAnchor)
            throw new ArgumentException($"BlazeFace outputs do not match {_anchors.Count} anchors ({first} + {_anchors.Count - first})");

        _candidates.Clear();
        Collect(scoresFine, regressorsFine, 0);
        Collect(scoresCoarse, regressorsCoarse, first);
        _candidates.Sort(static (a, b) => b.Score.CompareTo(a.Score));

        while (_candidates.Count > 0)
        {
            var top = _candidates[0];
            _cluster.Clear();
            for (var i = _candidates.Count - 1; i >= 0; i--)
            {
                if (Iou(top, _candidates[i]) < IouThreshold) continue;
                _cluster.Add(_candidates[i]);
                _candidates.RemoveAt(i);
            }
            faces.Add(Blend(top.Score, _cluster, regressorsFine, regressorsCoarse, letterbox));
        }
    }

    private void Collect(ReadOnlySpan<float> scores, ReadOnlySpan<float> regressors, int anchorBase)
    {
        var s = (float)InputSize;
        for (var i = 0; i < scores.Length; i++)
        {
            var logit = scores[i];
            if (!(logit >= _logitThreshold)) continue; // also drops NaN
            var anchor = anchorBase + i;
            var r = regressors.Slice(i * ValuesPerAnchor, 4);
            var cx = _anchors.CentreX[anchor] + r[0] / s;
            var cy = _anchors.CentreY[anchor] + r[1] / s;
            var w = r[2] / s;
            var h = r[3] / s;
            if (!(w > 0 && h > 0)) continue;
            _candidates.Add(new Candidate(anchor, Sigmoid(logit), cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2));
        }
    }

    private FaceDetection Blend(float score, List<Candidate> cluster, ReadOnlySpan<float> regressorsFine,
        ReadOnlySpan<float> regressorsCoarse, in Letterbox box)
    {
        float total = 0, xmin = 0, ymin = 0, xmax = 0, ymax = 0;
        Span<float> kp = stackalloc float[Keypoints * 2];
        kp.Clear();
        var s = (float)InputSize;
        var first = _anchors.FirstOutputCount;
        foreach (var c in cluster)
        {
            var w = c.Score;
            total += w;
            xmin += c.XMin * w; ymin += c.YMin * w; xmax += c.XMax * w; ymax += c.YMax * w;
            var r = c.Anchor < first
                ? regressorsFine.Slice(c.Anchor * ValuesPerAnchor, ValuesPerAnchor)
                : regressorsCoarse.Slice((c.Anchor - first) * ValuesPerAnchor, ValuesPerAnchor);
            for (var k = 0; k < Keypoints; k++)
            {
                kp[2 * k] += (_anchors.CentreX[c.Anchor] + r[4 + 2 * k] / s) * w;
                kp[2 * k + 1] += (_anchors.CentreY[c.Anchor] + r[5 + 2 * k] / s) * w;
            }
        }
        xmin /= total; ymin /= total; xmax /= total; ymax /= total;

        var x0 = Math.Clamp(box.FrameX(xmin), 0, box.SourceWidth);
        var y0 = Math.Clamp(box.FrameY(ymin), 0, box.SourceHeight);
        var x1 = Math.Clamp(box.FrameX(xmax), 0, box.SourceWidth);
        var y1 = Math.Clamp(box.FrameY(ymax), 0, box.SourceHeight);
        var keypoints = new float[Keypoints * 2];
        for (var k = 0; k < Keypoints; k++)
        {
            keypoints[2 * k] = box.FrameX(kp[2 * k] / total);
            keypoints[2 * k + 1] = box.FrameY(kp[2 * k + 1] / total);
        }
        return new FaceDetection(new DetectionBox(x0, y0, x1 - x0, y1 - y0, score), keypoints);
    }

    private static float Iou(in Candidate a, in Candidate b)
    {
        var iw = Math.Min(a.XMax, b.XMax) - Math.Max(a.XMin, b.XMin);
        var ih = Math.Min(a.YMax, b.YMax) - Math.Max(a.YMin, b.YMin);
        if (iw <= 0 || ih <= 0) return 0;
        var inter = iw * ih;
        var union = (a.XMax - a.XMin) * (a.YMax - a.YMin) + (b.XMax - b.XMin) * (b.YMax - b.YMin) - inter;
        return union > 0 ? inter / union : 0;
    }

    private static float Sigmoid(float x) => 1f / (1f + MathF.Exp(-Math.Clamp(x, -100f, 100f)));
}
