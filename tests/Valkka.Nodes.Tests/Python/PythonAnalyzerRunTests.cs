using Valkka.Nodes.Tests.EndToEnd;
using Valkka.Nodes.Tests.Support;
using Xunit.Abstractions;

namespace Valkka.Nodes.Tests.Python;

/// <summary>
/// Python analyzers in main3's shape, run by `valkka run` as real node processes: a Python client per
/// camera forwarding every 5th frame to a Python master, beside a C# client on cam1. The Python client
/// and the Python master see the same pixels as the C# client for the same (camera, frame); the master
/// answers the Python clients; no worker process and no ring is left.
/// </summary>
[Trait("Speed", "Slow")]
public sealed class PythonAnalyzerRunTests(ITestOutputHelper log)
{
    private const string Csharp = "Valkka.Nodes.Tests.Support.ChecksumAnalyzer, Valkka.Nodes.Tests";

    [Fact]
    public async Task A_Python_client_and_a_Python_master_in_main3_see_the_pixels_the_CSharp_client_sees()
    {
        var path = AppContext.BaseDirectory.TrimEnd('/');
        using var topology = TestTopology.FromText("python-main3.conf", PythonRunTopology.Text(["client1", "client2", "master"], ["testsrc2", "smptebars"], $$"""
              clients {
                c1 {
                  node = client1, credit = 4, cameras = [cam1], master = heavy
                  analyzer { python = "checksum:Checksum", path = "{{PythonWorkers.AnalyzerFolder}}", settings { forward-every = 5 } }
                }
                c2 {
                  node = client2, credit = 4, cameras = [cam2], master = heavy
                  analyzer { python = "checksum:Checksum", path = "{{PythonWorkers.AnalyzerFolder}}", settings { forward-every = 5 } }
                }
                csharp1 {
                  node = client1, credit = 4, cameras = [cam1, cam2]
                  analyzer { type = "{{Csharp}}", path = "{{path}}" }
                }
              }
              masters {
                heavy {
                  node = master
                  analyzer { python = "checksum:ChecksumBatch", path = "{{PythonWorkers.AnalyzerFolder}}" }
                  batch { max-size = 4, max-wait = 40ms }
                }
              }
            """));

        var (code, output) = await ValkkaCli.RunAsync(RunChecks.RunDeadline, RunChecks.RunArguments(topology));
        var described = RunChecks.Describe(topology, output);
        Assert.True(code == 0, $"valkka run exited with {code}:\n{described}");
        var summary = RunSummaryFile.Read(topology.SummaryPath);
        RunChecks.AssertHealthy(topology, summary, described);
        RunChecks.AssertMasterAnswered(topology, summary);

        var lines = output.Split('\n');
        var csharp = PythonWorkers.Checksums(lines, "CHECKSUM ");
        var client = PythonWorkers.Checksums(lines, "PYSUM ");
        var master = PythonWorkers.Checksums(lines, "PYMASTERSUM ");
        foreach (var (name, python, least) in new[] { ("client", client, 100), ("master", master, 20) })
        {
            var same = python.Keys.Where(k => k.Frame >= 0 && csharp.ContainsKey(k)).ToList();
            log.WriteLine($"Python {name}: {same.Count} frames compared with the C# client's");
            Assert.True(same.Count >= least, $"only {same.Count} frames of the Python {name} to compare with the C# client's");
            Assert.All(same, k => Assert.True(python[k] == csharp[k], $"{k}: the Python {name} saw other pixels than the C# client"));
            Assert.Contains(same, k => k.Camera == "cam1");
            Assert.Contains(same, k => k.Camera == "cam2");
        }

        var workers = PythonWorkers.Started(lines);
        Assert.True(workers.Count == 3, $"expected 3 workers (c1, c2, heavy), the run reported {workers.Count}:\n{described}");
        Assert.Empty(PythonWorkers.Alive(workers));
        Assert.Empty(topology.RingsLeft());
    }
}
