namespace Valkka.Bench;

/// <summary>Options of <c>valkka bench apply</c>.</summary>
public sealed record ApplyOptions
{
    /// <summary>Cameras of the running topology (16 in the goal), each read by a client.</summary>
    public int Cameras { get; init; } = 16;
    /// <summary>Nodes the clients are spread over (besides the cameras' node).</summary>
    public int ClientNodes { get; init; } = 4;
    /// <summary>Times a camera and its client are added (and removed again) for the time to the first analyzed frame.</summary>
    public int Adds { get; init; } = 10;
    /// <summary>Applies of an unchanged file timed.</summary>
    public int Unchanged { get; init; } = 20;
    /// <summary>Random changes applied one after the other (adds, removes, changes of extra cameras and clients).</summary>
    public int Cycles { get; init; } = 200;
    public int Seed { get; init; } = 1;
    /// <summary>Seconds the run goes on before the cycles, so that the untouched nodes' memory has settled after their start.</summary>
    public int WarmupSeconds { get; init; } = 60;
    /// <summary>Pause between two cycles: a deployment changes now and then, not in a tight loop.</summary>
    public int CyclePauseMs { get; init; } = 250;
    public string Size { get; init; } = "640x360";
    public int Fps { get; init; } = 25;
}
