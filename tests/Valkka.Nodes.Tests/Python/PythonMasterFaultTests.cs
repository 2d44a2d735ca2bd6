using System.Diagnostics;
using System.Globalization;
using Valkka.Nodes.Tests.EndToEnd;
using Valkka.Nodes.Tests.Support;
using Valkka.Shm;
using Xunit.Abstractions;

namespace Valkka.Nodes.Tests.Python;

/// <summary>
/// A Python master's worker killed with SIGKILL, hung past its analyze-timeout, and raising, during one
/// `valkka run` (faulty.py's FaultyBatch does what a control file says), while a C# client forwards every
/// frame to it: after a kill or a hang a new worker answers the client (how soon is written to the output, a timing); after a raise the same
/// worker goes on. The batches' leases were released (the camera never had to clear or expire one), the
/// failed batches and the frames skipped while the worker restarted are counted. Beside it a Python client
/// whose analyzer always raises: its failures are counted (summary and Prometheus), not as analyzed, and
/// logged once. No worker process and no ring is left.
/// </summary>
[Trait("Speed", "Slow")]
public sealed class PythonMasterFaultTests(ITestOutputHelper log)
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(90);
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task A_killed_a_hung_and_a_raising_master_worker_answer_the_client_again_and_failures_are_counted()
    {
        using var folder = new TempDirectory();
        var control = folder.File("control");
        File.WriteAllText(control, "ok");
        var raising = folder.File("raising");
        File.WriteAllText(raising, "raise");
        var path = AppContext.BaseDirectory.TrimEnd('/');
        using var topology = TestTopology.FromText("python-master-faults.conf", $$"""
            valkka {
              nodes {
                cameras { host = 127.0.0.1, port = 25540 }
                client1 { host = 127.0.0.1, port = 25541 }
                master  { host = 127.0.0.1, port = 25544 }
              }
              metrics { port = 9464 }
              cameras {
                cam1 { url = "synthetic://testsrc2?size={{TestTopology.TestSize}}&fps=25&codec=h264", node = cameras, ring-slots = 8 }
              }
              clients {
                printer {
                  node = client1, cameras = [cam1], master = pym
                  analyzer { type = "Valkka.Nodes.Tests.Support.MasterResultPrinter, Valkka.Nodes.Tests", path = "{{path}}" }
                }
                raiser {
                  node = client1, cameras = [cam1]
                  analyzer { python = "faulty:Faulty", path = "{{PythonWorkers.AnalyzerFolder}}", settings { control = "{{raising}}" } }
                }
              }
              masters {
                pym {
                  node = master
                  analyzer { python = "faulty:FaultyBatch", path = "{{PythonWorkers.AnalyzerFolder}}", analyze-timeout = 500ms, settings { control = "{{control}}" } }
                  batch { max-size = 4, max-wait = 20ms }
                }
              }
            }
            """);
        var ports = new[] { "cameras", "client1", "master" }.ToDictionary(n => n, _ => FreeTcpPort.Pick());
        using var run = ValkkaCli.Start(RunChecks.RunArguments(topology, [.. ports.SelectMany(p => new[] { "--metrics-port", $"{p.Key}={p.Value}" })])
            .Select(a => a == "10s" ? "25s" : a).ToArray());

        await Wait.UntilAsync(() => Answered(run, "ok").Any() || run.HasExited, StartDeadline, "the master answering the client");
        Assert.False(run.HasExited, run.Tail());
        var first = Batches(run, "ok").First();

        // SIGKILL: the master's call sees the broken connection, its batch fails, a new worker takes over.
        Assert.True(ProcessSignals.Kill(first));
        var second = await NewWorkerAnsweringAsync(run, [first], "killed with SIGKILL", Stopwatch.StartNew(), run.Lines.Count);

        // A hang inside analyze_batch(): the worker is killed at analyze-timeout (500 ms).
        File.WriteAllText(control, "hang");
        await Wait.UntilAsync(() => Batches(run, "hang").Any(), TimeSpan.FromSeconds(10), "the master's worker hanging");
        var third = await NewWorkerAnsweringAsync(run, [first, second], "hung", Stopwatch.StartNew(), run.Lines.Count);
        Assert.Contains(run.Lines, l => l.Contains($"the worker (pid {second}) did not answer within analyze-timeout 0.5 s"));

        // A raise: the batch fails (the client gets AnalysisFailed), the same worker goes on.
        File.WriteAllText(control, "raise");
        await Wait.UntilAsync(() => Answered(run, "failed").Any() && run.Lines.Any(l => l.Contains("ValueError: asked to raise on a batch")),
            TimeSpan.FromSeconds(10), "a failed result for the raising batch, and Python's message in the master's log");
        File.WriteAllText(control, "ok");
        var raisedAt = run.Lines.Count;
        await Wait.UntilAsync(() => Answered(run, "ok", raisedAt).Any(), TimeSpan.FromSeconds(10), "answers after the raise");
        Assert.All(Batches(run, "ok", raisedAt), pid => Assert.Equal(third, pid));

        // The raising client's failures in Prometheus while the run goes on.
        // The metrics read the nodes' reports, collected once a second: the latest failures show up to a report later.
        await MetricAsync(ports["client1"], "valkka_client_frames_failed_total", "client=\"raiser\"", atLeast: 1);
        await MetricAsync(ports["master"], "valkka_master_batches_failed_total", "master=\"pym\"", atLeast: 3);

        var code = await run.WaitForExitAsync(RunChecks.RunDeadline);
        var output = RunChecks.Describe(topology, run.Output);
        Assert.True(code == 0, $"valkka run exited with {code}:\n{output}");
        var summary = RunSummaryFile.Read(topology.SummaryPath);
        var cam1 = summary.Camera("cam1");
        Assert.True(RunSummaryFile.Long(cam1, "leasesCleared") == 0 && RunSummaryFile.Long(cam1, "leasesExpired") == 0,
            $"the camera had to take leases back: {cam1}");
        var master = summary.Masters["pym"]!;
        log.WriteLine($"master: {master}");
        Assert.True(RunSummaryFile.Long(master, "failedBatches") >= 3, $"the kill, the hang and the raise each fail a batch: {master}");
        Assert.True(RunSummaryFile.Long(master, "failedFrames") >= RunSummaryFile.Long(master, "failedBatches"), master.ToString());
        Assert.True(RunSummaryFile.Long(master, "skippedStarting") > 0, $"requests came while the worker restarted twice: {master}");
        var raiser = summary.Client("raiser");
        log.WriteLine($"raiser: {raiser}");
        Assert.True(RunSummaryFile.Long(raiser, "failed") > 25 && RunSummaryFile.Long(raiser, "analyzed") == 0, raiser.ToString());
        Assert.Single(run.Lines, l => l.Contains("Client raiser: analyzer failed on camera cam1", StringComparison.Ordinal));
        Assert.All(summary.Restarts, r => Assert.Equal(0, r.Value!.GetValue<int>()));

        Assert.Empty(PythonWorkers.Alive(PythonWorkers.Started(run.Lines).Concat([first, second, third])));
        Assert.Empty(topology.RingsLeft());
    }

    private async Task<int> NewWorkerAnsweringAsync(ChildProcess run, int[] old, string what, Stopwatch since, int from)
    {
        int next = 0;
        await Wait.UntilAsync(() =>
        {
            next = Batches(run, "ok", from).FirstOrDefault(pid => !old.Contains(pid));
            return next != 0 && Answered(run, "ok", from).Any();
        }, TimeSpan.FromSeconds(20), $"a new master worker answering the client after the old one {what}");
        log.WriteLine($"master worker {what}: a new worker (pid {next}) answered the client {since.Elapsed.TotalSeconds:0.00} s later");
        Assert.Empty(PythonWorkers.Alive(old));
        return next;
    }

    /// <summary>The pids of FaultyBatch's "FAULTYBATCH pid frames mode" lines (from line <paramref name="from"/> on).</summary>
    private static IEnumerable<int> Batches(ChildProcess run, string mode, int from = 0) =>
        run.Lines.Skip(from).Select(l => l.IndexOf("FAULTYBATCH ", StringComparison.Ordinal) is var at and >= 0 ? l[(at + 12)..].Split(' ') : null)
            .Where(p => p is { Length: >= 3 } && p[2] == mode).Select(p => int.Parse(p![0], CultureInfo.InvariantCulture));

    /// <summary>The client's "MASTERRESULT camera sequence ok|failed" lines of that kind (from line <paramref name="from"/> on).</summary>
    private static IEnumerable<string> Answered(ChildProcess run, string kind, int from = 0) =>
        run.Lines.Skip(from).Where(l => l.Contains(MasterResultPrinter.Prefix, StringComparison.Ordinal) && l.TrimEnd().EndsWith(" " + kind, StringComparison.Ordinal));

    /// <summary>The value of the node's sample of <paramref name="metric"/> whose labels contain <paramref name="label"/>, once it is at least <paramref name="atLeast"/>.</summary>
    private static async Task<double> MetricAsync(int port, string metric, string label, double atLeast)
    {
        double value = 0;
        await Wait.UntilAsync(async () =>
        {
            string text;
            try { text = await Http.GetStringAsync($"http://127.0.0.1:{port}/metrics"); }
            catch (HttpRequestException) { return false; }
            var line = text.Split('\n').FirstOrDefault(l => l.StartsWith(metric + "{", StringComparison.Ordinal) && l.Contains(label, StringComparison.Ordinal));
            value = line is null ? 0 : double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
            return value >= atLeast;
        }, TimeSpan.FromSeconds(20), $"{metric} with {label} at least {atLeast} at port {port}");
        return value;
    }
}
