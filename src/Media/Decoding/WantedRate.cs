namespace Valkka.Media.Decoding;

/// <summary>The frame rate a decoder's readers want, set from any thread, read by the decoder thread at each packet.</summary>
internal sealed class WantedRate
{
    private double _fps = double.PositiveInfinity;

    public double Fps
    {
        get => Volatile.Read(ref _fps);
        set => Volatile.Write(ref _fps, double.IsNaN(value) ? 0 : value);
    }
}
