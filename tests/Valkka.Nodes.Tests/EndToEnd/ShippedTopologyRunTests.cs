using Valkka.Nodes.Tests.Support;

namespace Valkka.Nodes.Tests.EndToEnd;

/// <summary>
/// main1, main2 and main3 run for 10 s as real node processes through `valkka run` (and main3 also
/// in one process), on synthetic cameras that decode real H.264 at 640x360, 25 fps.
/// </summary>
[Trait("Speed", "Slow")]
public class ShippedTopologyRunTests
{
    [Fact]
    public async Task Main1_runs_as_separate_processes_with_one_camera_from_an_RTSP_server()
    {
        using var rtsp = new RtspServer("/cam3", "--size", TestTopology.TestSize, "--fps", "25");
        using var topology = TestTopology.FromShipped("main1", $"valkka.cameras.cam3.url = \"{rtsp.Url}\"");
        await RunAndCheckAsync(topology);
    }

    [Fact]
    public async Task Main2_runs_as_separate_processes()
    {
        using var topology = TestTopology.FromShipped("main2");
        await RunAndCheckAsync(topology);
    }

    [Fact]
    public async Task Main3_runs_as_separate_processes_and_the_master_answers_every_client()
    {
        using var topology = TestTopology.FromShipped("main3");
        var summary = await RunAndCheckAsync(topology);
        RunChecks.AssertMasterAnswered(topology, summary);
    }

    [Fact]
    public async Task Main3_runs_in_one_process_with_the_same_results()
    {
        using var topology = TestTopology.FromShipped("main3");
        var summary = await RunAndCheckAsync(topology, "--in-process");
        Assert.Equal("in-process", (string?)summary.Root["mode"]);
        RunChecks.AssertMasterAnswered(topology, summary);
    }

    private static async Task<RunSummaryFile> RunAndCheckAsync(TestTopology topology, params string[] extra)
    {
        var (code, output) = await ValkkaCli.RunAsync(RunChecks.RunDeadline, RunChecks.RunArguments(topology, extra));
        Assert.True(code == 0, $"valkka run exited with {code}:\n{RunChecks.Describe(topology, output)}");
        var summary = RunSummaryFile.Read(topology.SummaryPath);
        RunChecks.AssertHealthy(topology, summary, RunChecks.Describe(topology, output));
        Assert.All(summary.Restarts, r => Assert.Equal(0, r.Value!.GetValue<int>()));
        return summary;
    }
}
