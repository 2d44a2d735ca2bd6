using Valkka.Actors.Analysis;

namespace Valkka.Samples.Faces;

/// <summary>
/// Faces found in one frame, in the camera frame's pixels (<paramref name="FrameWidth"/> x
/// <paramref name="FrameHeight"/>), best first. <paramref name="FaceBoxes"/> holds 5 values per
/// face (x, y, width, height, score) and <paramref name="Keypoints"/> 12 (6 x,y points), in the same
/// order. Plain float arrays, so the record crosses nodes under the serializer's allowlist; on a
/// same-host channel it is written field by field (IBinaryResult).
/// </summary>
public sealed record FaceDetectionResult(string CameraId, long Sequence, int FrameWidth, int FrameHeight,
    float[] FaceBoxes, float[] Keypoints) : IBoxesResult, IBinaryResult<FaceDetectionResult>
{
    public const int ValuesPerFace = 5;
    public const int KeypointValuesPerFace = 12;

    public static FaceDetectionResult Create(string cameraId, long sequence, int frameWidth, int frameHeight,
        IReadOnlyList<FaceDetection> faces)
    {
        var boxes = new float[faces.Count * ValuesPerFace];
        var keypoints = new float[faces.Count * KeypointValuesPerFace];
        for (var f = 0; f < faces.Count; f++)
        {
            var b = faces[f].Box;
            (boxes[f * 5], boxes[f * 5 + 1], boxes[f * 5 + 2], boxes[f * 5 + 3], boxes[f * 5 + 4]) = (b.X, b.Y, b.Width, b.Height, b.Score);
            faces[f].Keypoints.CopyTo(keypoints, f * KeypointValuesPerFace);
        }
        return new FaceDetectionResult(cameraId, sequence, frameWidth, frameHeight, boxes, keypoints);
    }

    public int Count => FaceBoxes.Length / ValuesPerFace;

    public void Write(ref ResultWriter writer)
    {
        writer.WriteString(CameraId);
        writer.WriteInt64(Sequence);
        writer.WriteInt32(FrameWidth);
        writer.WriteInt32(FrameHeight);
        writer.WriteSingles(FaceBoxes);
        writer.WriteSingles(Keypoints);
    }

    public static FaceDetectionResult Read(ref ResultReader reader) =>
        new(reader.ReadString(), reader.ReadInt64(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadSingles(), reader.ReadSingles());

    /// <summary>The faces as boxes (computed on each call; nothing extra is serialized).</summary>
    public DetectionBox[] Faces
    {
        get
        {
            var faces = new DetectionBox[Count];
            for (var f = 0; f < faces.Length; f++)
                faces[f] = new DetectionBox(FaceBoxes[f * 5], FaceBoxes[f * 5 + 1], FaceBoxes[f * 5 + 2], FaceBoxes[f * 5 + 3], FaceBoxes[f * 5 + 4]);
            return faces;
        }
    }

    public IReadOnlyList<DetectionBox> Boxes => Faces;

    public override string ToString() =>
        $"{Count} face(s) in {CameraId} #{Sequence}" + string.Concat(Faces.Select(f =>
            $" [x {f.X:0} y {f.Y:0} w {f.Width:0} h {f.Height:0} score {f.Score:0.00}]"));
}
