using Valkka.Actors.Analysis;

namespace Valkka.Samples.Faces;

/// <summary>
/// Faces found in one frame, in the camera frame's pixels (<paramref name="FrameWidth"/> x
/// <paramref name="FrameHeight"/>), best first. <paramref name="Keypoints"/> holds 12 values
/// (6 x,y points) per face, in the same order as <paramref name="Faces"/>.
/// </summary>
public sealed record FaceDetectionResult(string CameraId, long Sequence, int FrameWidth, int FrameHeight,
    DetectionBox[] Faces, float[] Keypoints) : IBoxesResult
{
    public IReadOnlyList<DetectionBox> Boxes => Faces;

    public override string ToString() =>
        $"{Faces.Length} face(s) in {CameraId} #{Sequence}" + string.Concat(Faces.Select(f =>
            $" [x {f.X:0} y {f.Y:0} w {f.Width:0} h {f.Height:0} score {f.Score:0.00}]"));
}
