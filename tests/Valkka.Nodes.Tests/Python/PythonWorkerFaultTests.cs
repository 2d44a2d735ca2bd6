using System.Diagnostics;
using Valkka.Nodes.Tests.EndToEnd;
using Valkka.Nodes.Tests.Support;
using Valkka.Shm;
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
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_killed_a_hung_and_a_raising_worker_leave_the_client_analyzing_and_nothing_held()
    {
        using var folder = new TempDirectory();
        var control = folder.File("control");
        File.WriteAllText(control, "ok");
        using var topology = TestTopology.FromText("python-faults.conf", $$"""
            valkka {
              nodes {
                cameras { host = 127.0.0.1, port = 25540 }
                client1 { host = 127.0.0.1, port = 25541 }
                client2 { host = 127.0.0.1, port = 25542 }
              }
              cameras {
                cam1 { url = "synthetic://testsrc2?size={{TestTopology.TestSize}}&fps=25&codec=h264", node = cameras, ring-slots = 8 }
              }
              clients {
                py {
                  node = client1, cameras = [cam1]
                  analyzer { python = "faulty:Faulty", path = "{{PythonWorkers.AnalyzerFolder}}", analyze-timeout = 500ms, settings { control = "{{control}}" } }
                }
                other {
                  node = client2, cameras = [cam1]
                  analyzer { type = "Valkka.Nodes.Tests.Support.NullFrameAnalyzer, Valkka.Nodes.Tests", path = "{{AppContext.BaseDirectory.TrimEnd('/')}}" }
                }
              }
            }
            """);
        using var run = ValkkaCli.Start(RunChecks.RunArguments(topology).Select(a => a == "10s" ? "20s" : a).ToArray());

        await Wait.UntilAsync(() => Analyzed(run, "ok").Any() || run.HasExited, StartDeadline, "the Python client analyzing");
        Assert.False(run.HasExited, run.Tail());
        var first = Analyzed(run, "ok").First().Pid;

        // SIGKILL: the client notices the broken connection at once and a new worker takes over.
        Assert.True(ProcessSignals.Kill(first));
        var killed = Stopwatch.StartNew();
        var second = await NewWorkerAnalyzingAsync(run, [first], "killed with SIGKILL", killed);

        // A hang: faulty.py sleeps inside analyze(); the worker is killed at analyze-timeout (500 ms).
        File.WriteAllText(control, "hang");
        await Wait.UntilAsync(() => Analyzed(run, "hang").Any(), TimeSpan.FromSeconds(10), "the worker hanging");
        var hung = Stopwatch.StartNew();
        var third = await NewWorkerAnalyzingAsync(run, [first, second], "hung", hung);
        Assert.Contains(run.Lines, l => l.Contains($"the worker (pid {second}) did not answer within analyze-timeout 0.5 s"));

        // A raise: a failed result with Python's message; the same worker goes on.
        File.WriteAllText(control, "raise");
        await Wait.UntilAsync(() => run.Lines.Any(l => l.Contains("ValueError: asked to raise on frame")), TimeSpan.FromSeconds(10),
            "the analyzer's exception in the client's log");
        File.WriteAllText(control, "ok");
        var raisedAt = run.Lines.Count;
        await Wait.UntilAsync(() => Analyzed(run, "ok", raisedAt).Any(), TimeSpan.FromSeconds(10), "analysis after the raise");
        Assert.All(Analyzed(run, "ok", raisedAt), a => Assert.Equal(third, a.Pid));

        var code = await run.WaitForExitAsync(RunChecks.RunDeadline);
        var output = RunChecks.Describe(topology, run.Output);
        Assert.True(code == 0, $"valkka run exited with {code}:\n{output}");
        var summary = RunSummaryFile.Read(topology.SummaryPath);
        var cam1 = summary.Camera("cam1");
        // Frames the camera's own node was too busy to announce (droppedBusy, a loaded machine) are not the worker's doing.
        Assert.True(RunSummaryFile.Long(cam1, "leasesCleared") == 0 && RunSummaryFile.Long(cam1, "leasesExpired") == 0
                    && RunSummaryFile.Long(cam1, "dropped") == RunSummaryFile.Long(cam1, "droppedBusy"),
            $"the camera had to take leases back or found its ring full: {cam1}");
        Assert.Equal(2, RunSummaryFile.Long(cam1, "readers"));
        var window = cam1["window"]!;
        var cameraFps = window["decoded"]!.GetValue<long>() / window["seconds"]!.GetValue<double>();
        var other = summary.Client("other");
        var otherFps = other["window"]!["analyzed"]!.GetValue<long>() / other["window"]!["seconds"]!.GetValue<double>();
        Assert.True(otherFps >= 0.9 * cameraFps, $"the C# client on the same camera analyzed {otherFps:0.0} fps of {cameraFps:0.0}: {other}");
        Assert.All(summary.Restarts, r => Assert.Equal(0, r.Value!.GetValue<int>()));

        Assert.Empty(PythonWorkers.Alive(PythonWorkers.Started(run.Lines).Concat([first, second, third])));
        Assert.Empty(topology.RingsLeft());
    }

    private async Task<int> NewWorkerAnalyzingAsync(ChildProcess run, int[] old, string what, Stopwatch since)
    {
        int next = 0;
        await Wait.UntilAsync(() =>
        {
            var analyzing = Analyzed(run, "ok").FirstOrDefault(a => !old.Contains(a.Pid));
            next = analyzing.Pid;
            return next != 0;
        }, TimeSpan.FromSeconds(20), $"a new worker analyzing after the old one {what}");
        log.WriteLine($"worker {what}: a new worker (pid {next}) analyzed {since.Elapsed.TotalSeconds:0.00} s later");
        Assert.Empty(PythonWorkers.Alive(old));
        return next;
    }

    /// <summary>faulty.py's "FAULTY pid sequence mode" lines (from line <paramref name="from"/> on).</summary>
    private static IEnumerable<(int Pid, long Sequence)> Analyzed(ChildProcess run, string mode, int from = 0) =>
        run.Lines.Skip(from).Select(l => l.IndexOf("FAULTY ", StringComparison.Ordinal) is var at and >= 0 ? l[(at + 7)..].Split(' ') : null)
            .Where(p => p is { Length: >= 3 } && p[2] == mode).Select(p => (int.Parse(p![0]), long.Parse(p[1])));
}
