namespace Valkka.Chaos;

/// <summary>
/// One injected fault: recovery (seconds from the fault's end until everything flowed again, see
/// <see cref="FlowCheck.ResumedAt"/>; null: not within the limit), frames the clients missed against their cameras' rate meanwhile, node
/// restarts, ring files beyond the topology's own, and every problem seen.
/// </summary>
public sealed record FaultResult(string Fault, string Target, double? RecoverySeconds, long FramesLost, int Restarts,
    int ExtraRings, IReadOnlyList<string> Problems, string? SkippedBecause = null)
{
    public bool Passed => Problems.Count == 0;

    /// <summary>What the target runs, for kills: camera, client or master (a node with cameras counts as a camera node).</summary>
    public string? TargetKind { get; init; }

    /// <summary>Seconds until the flow check passed (it needs a few seconds of reports to see a rate).</summary>
    public double? ConfirmedSeconds { get; init; }

    /// <summary>A killed node came back but clients never reached 90 % of their rate within the limit.</summary>
    public bool Deaf { get; init; }
}
