using System.Text.Json.Nodes;

namespace Valkka.Samples.Tests;

/// <summary>
/// samples/Valkka.Samples.Embedding as a real process: a .NET host runs a topology built in code, its own
/// code adds cam3 with a client and removes cam1 with its client through the registered IDeploymentControl,
/// and it stops by itself after its duration.
/// </summary>
[Trait("Speed", "Slow")]
public sealed class EmbeddingSampleTests : IDisposable
{
    private static readonly string Program = Path.Combine(RepoPaths.Root, "artifacts", "samples", "Valkka.Samples.Embedding", "Valkka.Samples.Embedding.dll");
    private readonly string _topology = TopologyRings.NewName();

    public void Dispose() => TopologyRings.Remove(_topology);

    [Fact]
    public void The_host_changes_its_running_topology_and_leaves_nothing_behind()
    {
        using var sample = ChildProcess.StartDotnet(Program, ["--name", _topology, "--duration", "14", "--change-after", "5"]);

        var applied = sample.WaitForLine(line => line.Contains("applied version 2:", StringComparison.Ordinal), TimeSpan.FromSeconds(90), "the change");
        Assert.Contains("added camera cam3", applied);
        Assert.Contains("removed camera cam1", applied);
        // The removed camera's ring is unlinked before the change returns; the added one's comes when it opens its stream.
        Assert.DoesNotContain($"/dev/shm/valkka.{_topology}.cam-cam1", TopologyRings.Left(_topology));
        Assert.True(Wait.Until(() => TopologyRings.Left(_topology).Contains($"/dev/shm/valkka.{_topology}.cam-cam3"), TimeSpan.FromSeconds(30)),
            $"no ring of cam3: {string.Join(", ", TopologyRings.Left(_topology))}");

        Assert.Equal(0, sample.WaitForExit(TimeSpan.FromSeconds(90)));

        var status = LastStatus(sample);
        Assert.Equal(["cam2", "cam3"], Ids(status["cameras"]));
        Assert.Equal(["c-cam2", "c-cam3"], Ids(status["clients"]));
        Assert.True(status["clients"]!["c-cam3"]!["analyzed"]!.GetValue<long>() > 0, sample.Tail());
        Assert.Empty(TopologyRings.Left(_topology));
        Assert.Empty(ProcessesNaming(_topology));
    }

    private static JsonObject LastStatus(ChildProcess sample)
    {
        var line = sample.Lines.Last(l => l.Contains("status: {", StringComparison.Ordinal));
        return JsonNode.Parse(line[line.IndexOf('{', StringComparison.Ordinal)..])!.AsObject();
    }

    private static List<string> Ids(JsonNode? section) => section!.AsObject().Select(kv => kv.Key).Order(StringComparer.Ordinal).ToList();

    // The sample and anything it started (ffmpeg making the synthetic clips) carry the topology's name.
    private static List<string> ProcessesNaming(string topology) =>
        Directory.EnumerateDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _))
            .Select(d => { try { return File.ReadAllText(Path.Combine(d, "cmdline")).Replace('\0', ' '); } catch (IOException) { return ""; } catch (UnauthorizedAccessException) { return ""; } })
            .Where(cmdline => cmdline.Contains(topology, StringComparison.Ordinal)).ToList();
}
