namespace Valkka.Nodes.Stats;

/// <summary>JSON has no infinity: a wanted rate of every frame (+inf) is null in the reports.</summary>
internal static class FiniteFps
{
    public static double? Of(double fps) => double.IsFinite(fps) ? fps : null;
}
