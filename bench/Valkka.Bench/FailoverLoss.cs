namespace Valkka.Bench;

/// <summary>
/// One host loss of <c>valkka bench failover</c>, in seconds. Each milestone is when the last of the lost host's cameras
/// reached it, so the parts add up to the total: detection (the loss to the first survivor marking the node
/// unreachable), downing (to the first survivor seeing it removed: the split-brain resolver's stable-after and the
/// leader's removal), re-placement (to the placement singleton writing the last of its cameras elsewhere), start (to
/// the last of them started on its new node), first frame (to the last of their clients analyzing).
/// </summary>
public sealed record FailoverLoss(int Index, string Host, bool HadDecider, int Cameras, double Detection, double Downing, double Replacement,
    double Start, double FirstFrame, IReadOnlyList<string> FalseDowns)
{
    public double StartToAnalyzing => Start + FirstFrame;

    public double Total => Detection + Downing + Replacement + Start + FirstFrame;
}
