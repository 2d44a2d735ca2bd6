namespace Valkka.Actors.Analysis;

/// <summary>The frames of one master batch; <c>frames[i]</c> is a view valid only during the analyzer's call.</summary>
public readonly ref struct FrameBatch(ReadOnlySpan<BatchFrame> frames)
{
    private readonly ReadOnlySpan<BatchFrame> _frames = frames;

    public int Count => _frames.Length;

    public FrameView this[int index] => _frames[index].View();
}
