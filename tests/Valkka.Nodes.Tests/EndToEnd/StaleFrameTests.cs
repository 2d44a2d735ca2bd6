using Valkka.Nodes.Tests.Support;

namespace Valkka.Nodes.Tests.EndToEnd;

/// <summary>
/// No stale or torn frame reaches an analyzer, even when the camera outruns its client: a pattern
/// camera at 100 fps into a 2-slot ring, read by a client in another process that spends 15 ms per
/// frame. Announcements go stale (counted), frames are dropped, and every frame the analyzer sees
/// is whole and newer than the one before.
/// </summary>
[Trait("Speed", "Slow")]
public class StaleFrameTests
{
    [Fact]
    public async Task A_slow_client_sees_stale_announcements_counted_but_never_a_stale_or_torn_frame()
    {
        using var topology = TestTopology.FromShipped("main2");   // for the temp folder and unique name
        var report = Path.Combine(topology.Directory, "pattern-report.txt");
        var path = Path.Combine(topology.Directory, "pattern.conf");
        File.WriteAllText(path, $$"""
            valkka {
              name = {{topology.Name}}
              nodes {
                cams { port = 1 }
                work { port = 2 }
              }
              cameras {
                pat {
                  url = "pattern://?size=640x360&fps=100"
                  node = cams
                  ring-slots = 2
                }
              }
              clients {
                check {
                  node = work
                  cameras = [pat]
                  credit = 2
                  analyzer {
                    type = "Valkka.Nodes.Tests.Support.PatternCheckAnalyzer, Valkka.Nodes.Tests"
                    settings {
                      report = "{{report}}"
                      work-ms = 15
                    }
                  }
                }
              }
            }
            """);

        var (code, output) = await ValkkaCli.RunAsync(RunChecks.RunDeadline,
            "run", path, "--duration", "8s", "--free-ports", "--no-table", "--summary-json", topology.SummaryPath, "--log", topology.LogPath);
        Assert.True(code == 0, $"valkka run exited with {code}:\n{RunChecks.Describe(topology, output)}");

        var summary = RunSummaryFile.Read(topology.SummaryPath);
        var client = summary.Client("check");
        var camera = summary.Camera("pat");
        var (frames, torn, notNewer) = PatternCheckAnalyzer.ReadReport(report);

        // Enough frames that the race was run many times (how many an 8 s run gives depends on the machine's load: about
        // 400 when quiet, 74 once at a load average of 38); the outrun check below says whether the camera raced the client.
        Assert.True(frames >= 30, $"the analyzer saw only {frames} frames: {client}");
        Assert.Equal(0, torn);
        Assert.Equal(0, notNewer);
        Assert.True(RunSummaryFile.Long(client, "stale") + RunSummaryFile.Long(client, "skipped") + RunSummaryFile.Long(camera, "dropped") > 0,
            $"the camera never outran the client, so nothing was tested: {client} {camera}");
        Assert.True(frames >= RunSummaryFile.Long(client, "analyzed"), $"the analyzer saw {frames} frames, the client counted more: {client}");
        Assert.Empty(topology.RingsLeft());
    }
}
