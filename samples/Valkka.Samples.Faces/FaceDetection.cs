using Valkka.Actors.Analysis;

namespace Valkka.Samples.Faces;

/// <summary>
/// One face in frame pixels: the box with its score, and BlazeFace's 6 keypoints as x,y pairs
/// (right eye, left eye, nose tip, mouth, right ear tragion, left ear tragion; from the subject's side).
/// </summary>
public sealed record FaceDetection(DetectionBox Box, float[] Keypoints);
