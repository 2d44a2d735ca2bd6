using System.Text.Json.Nodes;

namespace Valkka.Chaos.Tests;

/// <summary>
/// The short chaos run of issue 17 on main3 (three cameras, one of them on the runner's RTSP server,
/// three client nodes, a master): every fault once and 10 kill cycles. Every fault must be
/// recovered from with nothing left in /dev/shm and no node process left.
/// </summary>
[Trait("Speed", "Slow")]
public class ShortChaosRunTests
{
    private static readonly TimeSpan RunDeadline = TimeSpan.FromMinutes(9);

    [Fact]
    public async Task Main3_recovers_from_every_fault_and_ten_kills_leaving_no_ring_and_no_process()
    {
        using var folder = new TempDirectory();
        var name = TopologyRings.NewName();
        var file = SmallMain3.Write(folder, name);
        var json = folder.File("chaos.json");
        try
        {
            // --outage 6s (not 10 s): longer than the failure detector's pause (3 s) all the same; it keeps CI short.
            using var chaos = ChildProcess.StartDotnet(Path.Combine(AppContext.BaseDirectory, "valkka-chaos.dll"),
                ["chaos", file, "--kills", "10", "--seed", "17", "--outage", "6s", "--recovery-limit", "20s", "--json", json,
                 "--log", folder.File("nodes.log")]);
            var code = await chaos.WaitForExitAsync(RunDeadline);
            var table = chaos.Output;

            Assert.True(File.Exists(json), $"no JSON written (exit code {code}):\n{chaos.Tail(40)}");
            var report = JsonNode.Parse(File.ReadAllText(json))!;
            var faults = report["faults"]!.AsArray();
            Assert.Equal(10, faults.Count(f => (string?)f!["fault"] == "kill"));
            Assert.Equal(["kill", "freeze", "rtsp-outage", "small-shm", "ring-garbage", "remoting-garbage", "master-analyzer"],
                faults.Select(f => (string)f!["fault"]!).Distinct());
            var failed = faults.Where(f => !(bool)f!["passed"]! || f["skipped"] is not null).Select(f => f!.ToJsonString()).ToList();
            Assert.True(failed.Count == 0, $"{failed.Count} fault(s) failed or were skipped:\n{table}");
            Assert.Empty(report["leaks"]!["ringsLeft"]!.AsArray());
            Assert.Empty(report["leaks"]!["processesLeft"]!.AsArray());
            Assert.Empty(TopologyRings.Left(name));
            Assert.Equal(0, code);
        }
        finally
        {
            TopologyRings.Remove(name);
        }
    }
}
