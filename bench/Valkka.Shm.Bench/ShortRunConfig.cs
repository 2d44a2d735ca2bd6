using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace Valkka.Shm.Bench;

/// <summary>A short job (3 warmups, 20 iterations) so a run fits in a few minutes on a busy machine.</summary>
public sealed class ShortRunConfig : ManualConfig
{
    public ShortRunConfig()
    {
        AddJob(Job.Default.WithWarmupCount(3).WithIterationCount(20).WithLaunchCount(1));
        AddColumn(StatisticColumn.Median, StatisticColumn.P95);
    }
}
