namespace Valkka.Bench;

/// <summary>One case of the decode sweep: a clip shape, the rate each client asks for, and our decoder now (rate) or before rates.</summary>
public sealed record DecodeCase(ClipShape Shape, int Fps, bool Before)
{
    public string Decoder => Before ? "before" : "rate";
    public string Name => $"{ClipShapes.Name(Shape)} {Fps} fps {Decoder}";
    /// <summary>The cases of issue 16: every shape x rate with the rate decoder, and the decoder before rates at 25 fps per shape.</summary>
    public static IEnumerable<DecodeCase> All(DecodeSweepOptions o) =>
        o.Shapes.SelectMany(shape => o.Rates.Select(fps => new DecodeCase(shape, fps, false)).Append(new DecodeCase(shape, 25, true)));

    public DecodeOptions ToDecodeOptions(DecodeSweepOptions o) => new()
    {
        Fps = Fps, Shape = Shape, DecodeEverything = Before, OneClientNode = true, Credit = o.Credit, Seconds = o.StepSeconds,
    };

    public int RingSlots(DecodeSweepOptions o) => !Before && Fps <= 5 ? o.SlowRingSlots : o.RingSlots;
}
