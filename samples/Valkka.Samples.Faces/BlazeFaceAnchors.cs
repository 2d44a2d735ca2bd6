namespace Valkka.Samples.Faces;

/// <summary>
/// BlazeFace's SSD anchors, as centres in tensor fractions (0..1), in the order of the net's
/// outputs: for the front 128 model 16x16 cells with 2 anchors each (first output), then 8x8
/// cells with 6 anchors each (second output); rows, then columns, then anchors within a cell.
/// Anchor sizes are 1 (the net regresses width and height directly), so only centres are kept.
/// </summary>
public sealed class BlazeFaceAnchors
{
    private BlazeFaceAnchors(float[] cx, float[] cy, int firstCount)
    {
        CentreX = cx;
        CentreY = cy;
        FirstOutputCount = firstCount;
    }

    public float[] CentreX { get; }
    public float[] CentreY { get; }
    public int Count => CentreX.Length;
    public int FirstOutputCount { get; }

    /// <summary>Anchors of a net with the given (cells, anchors per cell) layers, e.g. (16, 2), (8, 6).</summary>
    public static BlazeFaceAnchors Build(params (int Cells, int PerCell)[] layers)
    {
        var total = layers.Sum(l => l.Cells * l.Cells * l.PerCell);
        var cx = new float[total];
        var cy = new float[total];
        var i = 0;
        foreach (var (cells, perCell) in layers)
            for (var y = 0; y < cells; y++)
            for (var x = 0; x < cells; x++)
            for (var a = 0; a < perCell; a++, i++)
            {
                cx[i] = (x + 0.5f) / cells;
                cy[i] = (y + 0.5f) / cells;
            }
        return new BlazeFaceAnchors(cx, cy, layers[0].Cells * layers[0].Cells * layers[0].PerCell);
    }

    /// <summary>The front-camera 128x128 model: 512 + 384 = 896 anchors.</summary>
    public static BlazeFaceAnchors Front128 { get; } = Build((16, 2), (8, 6));

    /// <summary>
    /// Anchors for a net whose two outputs hold <paramref name="first"/> and <paramref name="second"/>
    /// anchors: 2 per cell on the fine grid, 6 per cell on the coarse one (both shipped models: 512 + 384).
    /// </summary>
    public static BlazeFaceAnchors ForOutputs(int first, int second)
    {
        var fine = (int)Math.Round(Math.Sqrt(first / 2.0));
        var coarse = (int)Math.Round(Math.Sqrt(second / 6.0));
        if (fine * fine * 2 != first || coarse * coarse * 6 != second)
            throw new InvalidDataException(
                $"BlazeFace outputs of {first} and {second} anchors are not n*n*2 and m*m*6 (expected 512 and 384)");
        return Build((fine, 2), (coarse, 6));
    }
}
