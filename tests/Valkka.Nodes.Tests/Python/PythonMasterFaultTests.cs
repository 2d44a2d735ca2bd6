using System.Globalization;
using Valkka.Nodes.Tests.EndToEnd;
using Valkka.Nodes.Tests.Support;
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
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task A_killed_a_hung_and_a_raising_master_worker_answer_the_client_again_and_failures_are_counted()
    {
        using var faulty = FaultyAnalyzer.Master(log);
        using var raising = FaultyAnalyzer.Client(log, "raise");
        var path = AppContext.BaseDirectory.TrimEnd('/');
        using var topology = TestTopology.FromText("python-master-faults.conf", PythonRunTopology.Text(["client1", "master"], ["testsrc2"], $$"""
              metrics { port = 9464 }
              clients {
                printer {
                  node = client1, cameras = [cam1], master = pym
                  analyzer { type = "Valkka.Nodes.Tests.Support.MasterResultPrinter, Valkka.Nodes.Tests", path = "{{path}}" }
                }
                raiser {
                  node = client1, cameras = [cam1]
                  analyzer { python = "faulty:Faulty", path = "{{PythonWorkers.AnalyzerFolder}}", settings { control = "{{raising.Control}}" } }
                }
              }
              masters {
                pym {
                  node = master
                  analyzer { python = "faulty:FaultyBatch", path = "{{PythonWorkers.AnalyzerFolder}}", analyze-timeout = 500ms, settings { control = "{{faulty.Control}}" } }
                  batch { max-size = 4, max-wait = 20ms }
                }
              }
            """));
        var ports = new[] { "cameras", "client1", "master" }.ToDictionary(n => n, _ => FreeTcpPort.Pick());
        using var run = ValkkaCli.Start(RunChecks.RunArguments(topology, [.. ports.SelectMany(p => new[] { "--metrics-port", $"{p.Key}={p.Value}" })])
            .Select(a => a == "10s" ? "25s" : a).ToArray());

        // The kill, the hang and the raise each fail the batch in hand; the master serves once the printer client has answers.
        var workers = await faulty.KillHangAndRaiseAsync(run, (kind, from) => Answered(run, kind, from).Any());

        // The raising client's failures in Prometheus while the run goes on.
        // The metrics read the nodes' reports, collected once a second: the latest failures show up to a report later.
        await MetricAsync(ports["client1"], "valkka_client_frames_failed_total", "client=\"raiser\"", atLeast: 1);
        await MetricAsync(ports["master"], "valkka_master_batches_failed_total", "master=\"pym\"", atLeast: 3);

        var summary = await FaultyAnalyzer.EndedContainedAsync(run, topology);
        var master = summary.Masters["pym"]!;
        log.WriteLine($"master: {master}");
        Assert.True(RunSummaryFile.Long(master, "failedBatches") >= 3, $"the kill, the hang and the raise each fail a batch: {master}");
        Assert.True(RunSummaryFile.Long(master, "failedFrames") >= RunSummaryFile.Long(master, "failedBatches"), master.ToString());
        Assert.True(RunSummaryFile.Long(master, "skippedStarting") > 0, $"requests came while the worker restarted twice: {master}");
        var raiser = summary.Client("raiser");
        log.WriteLine($"raiser: {raiser}");
        Assert.True(RunSummaryFile.Long(raiser, "failed") > 25 && RunSummaryFile.Long(raiser, "analyzed") == 0, raiser.ToString());
        Assert.Single(run.Lines, l => l.Contains("Client raiser: analyzer failed on camera cam1", StringComparison.Ordinal));

        Assert.Empty(PythonWorkers.Alive(PythonWorkers.Started(run.Lines).Concat(workers)));
        Assert.Empty(topology.RingsLeft());
    }

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
