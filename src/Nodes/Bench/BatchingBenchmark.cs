namespace Valkka.Nodes.Bench;

public static class BatchingBenchmark
{
    public static BenchReport Run(BatchingOptions o, TextWriter log) =>
        throw new NotSupportedException("batching: waiting for the master actor (not merged yet)");
}
