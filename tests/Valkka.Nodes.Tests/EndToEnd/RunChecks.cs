using System.Text.Json.Nodes;
using Valkka.Actors.Topology;
using Valkka.Nodes.Tests.Support;

namespace Valkka.Nodes.Tests.EndToEnd;

/// <summary>What every healthy run of a topology must show in its summary.</summary>
public static class RunChecks
{
    public static readonly TimeSpan RunDeadline = TimeSpan.FromMinutes(3);

    public static TopologyDefinition Definition(TestTopology topology) =>
        TopologyLoader.Load(topology.Path, new ValidationScope { CheckPorts = false, CheckShmSpace = false, CheckAnalyzers = false }).Topology!;

    /// <summary>
    /// Every camera streamed; every client analyzed each of its cameras at >= 90% of that camera's
    /// frame rate, or of the rate it asked for (over the measured window); no frame failed
    /// verification; nothing left in /dev/shm.
    /// </summary>
    public static void AssertHealthy(TestTopology topology, RunSummaryFile summary, string output)
    {
        var definition = Definition(topology);
        foreach (var camera in definition.Cameras)
        {
            var c = summary.Camera(camera.Id);
            Assert.True((string?)c["status"] == "streaming", $"camera {camera.Id} is {(string?)c["status"]}: {c}\n{output}");
            Assert.True(RunSummaryFile.Long(c, "decoded") > 0, $"camera {camera.Id} decoded nothing: {c}");
        }
        foreach (var client in definition.Clients)
        {
            var s = summary.Client(client.Id);
            var seconds = s["window"]!["seconds"]!.GetValue<double>();
            Assert.True(seconds >= 4, $"client {client.Id} reported over only {seconds}s: {s}");
            foreach (var cameraId in client.Cameras)
            {
                var cam = summary.Camera(cameraId)["window"]!;
                var cameraFps = cam["decoded"]!.GetValue<long>() / cam["seconds"]!.GetValue<double>();
                var perCamera = s["perCamera"]![cameraId] ?? throw new Xunit.Sdk.XunitException($"client {client.Id} has no counters for {cameraId}: {s}");
                var clientFps = perCamera["windowAnalyzed"]!.GetValue<long>() / seconds;
                // A client that asked for a rate is expected at that rate (the camera may decode less for it).
                var wanted = client.FpsOf(cameraId);
                var expectedFps = wanted is { } w ? Math.Min(w, cameraFps) : cameraFps;
                if (wanted is null) Assert.True(cameraFps > 10, $"camera {cameraId} ran at only {cameraFps:0.0} fps: {summary.Camera(cameraId)}");
                Assert.True(clientFps >= 0.9 * expectedFps,
                    $"client {client.Id} analyzed {cameraId} at {clientFps:0.0} fps, expected {expectedFps:0.0} fps (< 90%): {s}\n{output}");
            }
        }
        Assert.Empty(topology.RingsLeft());
    }

    /// <summary>main3: the master batched frames and every client got results back for its own frames.</summary>
    public static void AssertMasterAnswered(TestTopology topology, RunSummaryFile summary)
    {
        var definition = Definition(topology);
        foreach (var master in definition.Masters)
        {
            var m = summary.Masters[master.Id]!;
            Assert.True(RunSummaryFile.Long(m, "batches") > 0, $"master {master.Id} ran no batch: {m}");
            Assert.True(RunSummaryFile.Long(m, "results") > 0, $"master {master.Id} produced no result: {m}");
        }
        foreach (var client in definition.Clients.Where(c => c.Master is not null))
        {
            var s = summary.Client(client.Id);
            Assert.True(RunSummaryFile.Long(s, "forwarded") > 0, $"client {client.Id} forwarded nothing: {s}");
            Assert.True(RunSummaryFile.Long(s, "masterResults") > 0, $"client {client.Id} got no result from its master: {s}");
        }
    }

    public static string[] RunArguments(TestTopology topology, params string[] extra) =>
    [
        "run", topology.Path, "--duration", "10s", "--free-ports", "--no-table",
        "--summary-json", topology.SummaryPath, "--log", topology.LogPath, .. extra,
    ];

    public static string Describe(TestTopology topology, string output) =>
        output + "\n--- log tail:\n" + (File.Exists(topology.LogPath) ? string.Join('\n', File.ReadLines(topology.LogPath).TakeLast(40)) : "(no log)");
}
