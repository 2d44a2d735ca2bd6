namespace Valkka.Samples.Faces;

/// <summary>
/// How a frame sits in the square tensor: scaled by <see cref="Scale"/> (same on both axes, never
/// stretched) and centred with <see cref="OffsetX"/>/<see cref="OffsetY"/> tensor pixels of padding.
/// </summary>
public readonly record struct Letterbox(int Size, int SourceWidth, int SourceHeight, float Scale, float OffsetX, float OffsetY)
{
    public static Letterbox For(int sourceWidth, int sourceHeight, int size)
    {
        if (sourceWidth <= 0 || sourceHeight <= 0)
            throw new ArgumentException($"frame size must be positive, got {sourceWidth}x{sourceHeight}");
        var scale = (float)size / Math.Max(sourceWidth, sourceHeight);
        return new Letterbox(size, sourceWidth, sourceHeight, scale,
            (size - sourceWidth * scale) / 2f, (size - sourceHeight * scale) / 2f);
    }

    /// <summary>Frame pixel x of a tensor x given as a fraction (0..1) of the tensor width.</summary>
    public float FrameX(float normalized) => (normalized * Size - OffsetX) / Scale;
    public float FrameY(float normalized) => (normalized * Size - OffsetY) / Scale;
    public float FrameLength(float normalized) => normalized * Size / Scale;
}
