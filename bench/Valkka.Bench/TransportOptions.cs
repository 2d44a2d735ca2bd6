namespace Valkka.Bench;

/// <summary>Settings of <c>valkka bench transport</c>.</summary>
public sealed record TransportOptions
{
    public int Runs { get; init; } = 5;
    public int Width { get; init; } = 1920;
    public int Height { get; init; } = 1080;
    public int Slots { get; init; } = 8;
    /// <summary>Frames measured per run for the framework, Python and memcpy variants.</summary>
    public int Frames { get; init; } = 3000;
    /// <summary>Frames measured per run for the Akka byte-array variant (tens of frames per second).</summary>
    public int AkkaFrames { get; init; } = 100;
    public int Warmup { get; init; } = 50;
    /// <summary>Frames in flight between sender and receiver (credit) for (a) and (b).</summary>
    public int Window { get; init; } = 4;
    public string Python { get; init; } = PythonShmBaseline.DefaultPython;
    public string? PythonScript { get; init; }
    /// <summary>The variants to run (null: all of them).</summary>
    public IReadOnlySet<string>? Variants { get; init; }

    public bool Includes(string variant) => Variants is null || Variants.Contains(variant);
}
