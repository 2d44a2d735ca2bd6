using Valkka.Nodes.Tests.EndToEnd;
using Valkka.Nodes.Tests.Support;
using Xunit.Abstractions;

namespace Valkka.Nodes.Tests.Python;

/// <summary>
/// A Python client's worker killed with SIGKILL, hung past analyze-timeout, and raising, during one
/// `valkka run` (faulty.py does what a control file says). After a kill or a hang a new worker analyzes
/// (how soon is written to the output, a timing: 0.6-2.6 s at load averages of 14-43); after a raise the same worker goes on. The client's leases were released each time (the
/// camera never had to clear or expire one), the camera dropped nothing and the C# client on the same
/// camera kept its rate; no worker process and no ring is left.
/// </summary>
[Trait("Speed", "Slow")]
public sealed class PythonWorkerFaultTests(ITestOutputHelper log)
{
    [Fact]
    public async Task A_killed_a_hung_and_a_raising_worker_leave_the_client_analyzing_and_nothing_held()
    {
        using var faulty = FaultyAnalyzer.Client(log);
        using var topology = TestTopology.FromText("python-faults.conf", PythonRunTopology.Text(["client1", "client2"], ["testsrc2"], $$"""
              clients {
                py {
                  node = client1, cameras = [cam1]
                  analyzer { python = "faulty:Faulty", path = "{{PythonWorkers.AnalyzerFolder}}", analyze-timeout = 500ms, settings { control = "{{faulty.Control}}" } }
                }
                other {
                  node = client2, cameras = [cam1]
                  analyzer { type = "Valkka.Nodes.Tests.Support.NullFrameAnalyzer, Valkka.Nodes.Tests", path = "{{AppContext.BaseDirectory.TrimEnd('/')}}" }
                }
              }
            """));
        using var run = ValkkaCli.Start(RunChecks.RunArguments(topology).Select(a => a == "10s" ? "20s" : a).ToArray());

        var workers = await faulty.KillHangAndRaiseAsync(run);

        var summary = await FaultyAnalyzer.EndedContainedAsync(run, topology);
        var cam1 = summary.Camera("cam1");
        // Frames the camera's own node was too busy to announce (droppedBusy, a loaded machine) are not the worker's doing.
        Assert.True(RunSummaryFile.Long(cam1, "dropped") == RunSummaryFile.Long(cam1, "droppedBusy"), $"the camera found its ring full: {cam1}");
        Assert.Equal(2, RunSummaryFile.Long(cam1, "readers"));
        var window = cam1["window"]!;
        var cameraFps = window["decoded"]!.GetValue<long>() / window["seconds"]!.GetValue<double>();
        var other = summary.Client("other");
        var otherFps = other["window"]!["analyzed"]!.GetValue<long>() / other["window"]!["seconds"]!.GetValue<double>();
        Assert.True(otherFps >= 0.9 * cameraFps, $"the C# client on the same camera analyzed {otherFps:0.0} fps of {cameraFps:0.0}: {other}");

        Assert.Empty(PythonWorkers.Alive(PythonWorkers.Started(run.Lines).Concat(workers)));
        Assert.Empty(topology.RingsLeft());
    }
}
