namespace Valkka.Actors.Analysis;

/// <summary>An axis-aligned box in frame pixel coordinates (top-left corner, size) with a score.</summary>
public readonly record struct DetectionBox(float X, float Y, float Width, float Height, float Score);
