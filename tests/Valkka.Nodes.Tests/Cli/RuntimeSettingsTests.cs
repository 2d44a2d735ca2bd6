using System.Text.Json.Nodes;

namespace Valkka.Nodes.Tests.Cli;

/// <summary>
/// The runtime settings a node process runs with (src/Nodes/Valkka.Nodes.csproj), each chosen from a
/// measurement: a node is a long-running service that allocates little, and the runtime's defaults
/// are tuned for the opposite (docs/RELIABILITY.md, docs/BENCHMARKS.md).
/// </summary>
public class RuntimeSettingsTests
{
    private static JsonObject ConfigProperties() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "valkka.runtimeconfig.json")))!
            ["runtimeOptions"]!["configProperties"]!.AsObject();

    [Fact]
    public void Thread_pool_workers_are_kept_so_that_no_per_thread_caches_are_rebuilt_and_left_as_garbage() =>
        Assert.Equal(-1, ConfigProperties()["System.Threading.ThreadPool.ThreadsToKeepAlive"]?.GetValue<int>());

    [Fact]
    public void The_gen0_budget_is_capped_so_that_a_node_does_not_touch_memory_for_minutes_before_it_collects() =>
        Assert.Equal(8 << 20, ConfigProperties()["System.GC.Gen0MaxBudget"]?.GetValue<int>());

    [Fact]
    public void An_idle_worker_sleeps_at_once_instead_of_spinning() =>
        Assert.Equal(0, ConfigProperties()["System.Threading.ThreadPool.UnfairSemaphoreSpinLimit"]?.GetValue<int>());
}
