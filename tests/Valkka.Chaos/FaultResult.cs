namespace Valkka.Chaos;

/// <summary>
/// One injected fault: recovery (seconds from the fault's end until everything flowed again; null:
/// not within the limit), frames the clients missed against their cameras' rate meanwhile, node
/// restarts, ring files beyond the topology's own, and every problem seen.
/// </summary>
public sealed record FaultResult(string Fault, string Target, double? RecoverySeconds, long FramesLost, int Restarts,
    int ExtraRings, IReadOnlyList<string> Problems, string? SkippedBecause = null)
{
    public bool Passed => Problems.Count == 0;
}
