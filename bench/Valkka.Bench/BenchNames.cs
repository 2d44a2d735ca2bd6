namespace Valkka.Bench;

/// <summary>Unique topology names for the rings a benchmark creates, so parallel runs never collide.</summary>
public static class BenchNames
{
    public static string NewTopology() => $"vbench{Environment.ProcessId:x}x{Random.Shared.Next(1 << 24):x6}";
}
