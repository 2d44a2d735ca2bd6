using Akka.Actor;
using Akka.Configuration;
using Valkka.Actors.Analysis;
using Valkka.Actors.Messages;
using Valkka.Actors.Tests.Support;

namespace Valkka.Actors.Tests.Masters;

/// <summary>
/// A master whose analyzer throws or hangs: the clients of that batch get AnalysisFailed results
/// (through the same-host queues, the master being another node), later batches run, and the
/// camera and clients never wait for the master.
/// </summary>
[Trait("Speed", "Slow")]
public sealed class MasterAnalyzerFaultTests() : Akka.TestKit.Xunit2.TestKit(Nodes.Remote())
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(40);

    [Fact]
    public void An_analyzer_that_throws_gives_its_clients_failure_results_and_the_next_batches_run()
    {
        var analyzer = new FaultyBatchAnalyzer(hang: false);
        RunScenario(analyzer, TimeSpan.FromSeconds(30), (client, _, _) =>
        {
            var failed = WaitForFailure(client);
            Assert.Contains("InvalidOperationException: analyzer fault injected by the test", failed.Reason);
            WaitForResults(client, 3);
        });
    }

    [Fact]
    public void An_analyzer_that_hangs_past_the_timeout_is_abandoned_and_later_batches_run_while_it_still_hangs()
    {
        var analyzer = new FaultyBatchAnalyzer(hang: true);
        try
        {
            RunScenario(analyzer, TimeSpan.FromSeconds(2), (client, camera, master) =>
            {
                var failed = WaitForFailure(client);
                Assert.Contains("did not return within analyze-timeout 2 s; call abandoned", failed.Reason);
                long analyzedBefore = client.Intact;
                long publishedBefore = Probe.Camera(camera).Published;
                WaitForResults(client, 3);
                Assert.True(Wait.Until(() => client.Intact > analyzedBefore + 10 && Probe.Camera(camera).Published > publishedBefore + 10, Deadline),
                    "the camera and its client must go on while the analyzer call hangs");
                var details = Probe.Ask<MasterDetails>(master, new GetMasterDetails());
                Assert.True(details.TimedOutCalls >= 1, details.ToString()); // a healthy batch of a starved machine may time out too
                Assert.True(details.FailedBatches >= 1, details.ToString());
            });
        }
        finally
        {
            analyzer.ReleaseHang();
        }
    }

    private void RunScenario(FaultyBatchAnalyzer analyzer, TimeSpan analyzeTimeout, Action<PatternAnalyzer, IActorRef, IActorRef> check)
    {
        using var topology = new TestTopology();
        var masterNode = Nodes.StartRemote();
        try
        {
            var camera = Scenario.StartCamera(Sys, Scenario.PatternCamera(topology, "a", fps: 30, size: "320x240"));
            var settings = new MasterSettings("m", "", Config.Empty, 2, TimeSpan.FromMilliseconds(20)) { AnalyzeTimeout = analyzeTimeout };
            var master = masterNode.ActorOf(MasterActor.Props(settings, () => analyzer), ActorPaths.MasterName("m"));
            var client = new PatternAnalyzer(forward: true);
            Scenario.StartClient(Sys, topology, "c1", "a", camera.Path.ToStringWithoutAddress(), client,
                masterPath: Nodes.PathOf(masterNode, ActorPaths.MasterName("m")));
            check(client, camera, master);
        }
        finally
        {
            Nodes.Stop(masterNode);
        }
    }

    private static AnalysisFailed WaitForFailure(PatternAnalyzer client)
    {
        MasterResult? failure = null;
        Assert.True(Wait.Until(() => (failure = client.MasterResults.FirstOrDefault(r => r.Result is AnalysisFailed)) is not null, Deadline),
            "no AnalysisFailed result reached the client");
        var failed = (AnalysisFailed)failure!.Result;
        Assert.Equal("m", failed.MasterId);
        Assert.Equal("c1", failure.ClientId);
        Assert.Equal("a", failure.CameraId);
        return failed;
    }

    private static void WaitForResults(PatternAnalyzer client, int count)
    {
        int firstFailure = client.MasterResults.TakeWhile(r => r.Result is not AnalysisFailed).Count();
        Assert.True(Wait.Until(() => client.MasterResults.Skip(firstFailure).Count(r => r.Result is TestResult) >= count, Deadline),
            "no results came after the failed batch");
    }
}
