using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Valkka.Nodes.Tests.Support;

namespace Valkka.Nodes.Tests.EndToEnd;

/// <summary>
/// A camera node that does not run for 2.5 s (SIGSTOP, as a host starved of CPU) is behind real time when
/// it runs again: its camera skips to the newest keyframe and says so while it happens (a warning, the
/// status reason, the behind gauge and the discarded counter), then says when it keeps up again.
/// </summary>
[Trait("Speed", "Slow")]
public sealed partial class BehindRealTimeRunTests
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_camera_behind_real_time_says_so_in_its_log_status_and_metrics_and_when_it_keeps_up_again()
    {
        var nodePort = FreeTcpPort.Pick();
        var metricsPort = FreeTcpPort.Pick();
        using var topology = TestTopology.FromText("behind.conf", $$"""
            valkka {
              nodes { solo { host = 127.0.0.1, port = {{nodePort}} } }
              metrics { port = {{metricsPort}} }
              cameras { cam1 { url = "synthetic://testsrc2?size={{TestTopology.TestSize}}&fps=25&codec=h264", node = solo } }
              clients {
                c1 {
                  node = solo, cameras = [cam1]
                  analyzer { type = "Valkka.Samples.FrameStatisticsAnalyzer, Valkka.Samples", path = "$ROOT/artifacts/samples/Valkka.Samples" }
                }
              }
            }
            """);
        using var node = ValkkaCli.Start("node", topology.Path, "--node", "solo");
        var metrics = $"http://127.0.0.1:{metricsPort}/metrics";
        // Streaming, analyzed, and the camera has seen two keyframes (its keyframe interval) before the stop.
        await UntilAsync(() => CameraRow(node) is { } cam && (string?)cam["status"] == "streaming" && Analyzed(node) >= 50, node, "c1 analyzing cam1");
        Assert.Equal(0, await Gauge(metrics, "valkka_camera_behind"));

        var pid = node.Pid.ToString(CultureInfo.InvariantCulture);
        ChildProcess.Run("kill", ["-STOP", pid], TimeSpan.FromSeconds(10)).ThrowIfFailed();
        await Task.Delay(TimeSpan.FromSeconds(2.5));   // the fault itself: the process gets no CPU this long
        ChildProcess.Run("kill", ["-CONT", pid], TimeSpan.FromSeconds(10)).ThrowIfFailed();

        node.WaitForLine(l => l.Contains("Camera cam1: behind real time since", StringComparison.Ordinal), Deadline, "the behind warning");
        await UntilAsync(() => CameraRow(node) is { } cam && ((string?)cam["reason"])?.StartsWith("behind real time since", StringComparison.Ordinal) == true
                               && cam["behindSince"] is not null, node, "cam1's status reason to say it is behind");
        Assert.Equal(1, await Gauge(metrics, "valkka_camera_behind"));
        Assert.True(await Gauge(metrics, "valkka_camera_frames_discarded_behind_total") > 0);
        Assert.Equal(0, await Gauge(metrics, "valkka_camera_frames_lost_total"));

        var kept = node.WaitForLine(l => l.Contains("Camera cam1: keeping up with real time again", StringComparison.Ordinal), Deadline, "the keeping-up line");
        Assert.True(KeptUpLine().IsMatch(kept), kept);
        await UntilAsync(() => CameraRow(node) is { } cam && cam["reason"] is null && cam["behindSince"] is null, node, "cam1's status reason to clear");
        Assert.Equal(0, await Gauge(metrics, "valkka_camera_behind"));

        node.Terminate();
        await node.WaitForExitAsync(Deadline);
        Assert.Empty(topology.RingsLeft());
    }

    [GeneratedRegex(@"keeping up with real time again after \d+\.\d s behind; [1-9]\d* wanted frames discarded meanwhile")]
    private static partial Regex KeptUpLine();

    private static JsonNode? LatestReport(ChildProcess node)
    {
        var line = node.Lines.LastOrDefault(l => l.StartsWith("@valkka-stats ", StringComparison.Ordinal));
        return line is null ? null : JsonNode.Parse(line["@valkka-stats ".Length..]);
    }

    private static JsonNode? CameraRow(ChildProcess node) => LatestReport(node)?["cameras"]?.AsArray().FirstOrDefault();

    private static long Analyzed(ChildProcess node) => (long?)LatestReport(node)?["clients"]?.AsArray().FirstOrDefault()?["analyzed"] ?? 0;

    private static async Task<double> Gauge(string url, string family)
    {
        var text = await Http.GetStringAsync(url);
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith(family + "{", StringComparison.Ordinal) && l.Contains("camera=\"cam1\"", StringComparison.Ordinal))
                   ?? throw new InvalidOperationException($"no {family} for cam1 in:\n{text}");
        return double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
    }

    private static async Task UntilAsync(Func<bool> condition, ChildProcess node, string what)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (!condition())
        {
            if (node.HasExited) throw new InvalidOperationException($"the node exited ({node.ExitCode}) waiting for {what}:\n{node.Tail(30)}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{what}: not within {Deadline.TotalSeconds} s:\n{node.Tail(30)}");
            await Task.Delay(100);
        }
    }
}
