using Valkka.Nodes.Tests.Support;
using static Valkka.Nodes.Tests.Control.ControlledRun;

namespace Valkka.Nodes.Tests.Control;

/// <summary>
/// main3's master changed at run time (its batch size): only the master restarts, in its node; its clients find the
/// new one and get its results again; the cameras and clients keep their node processes.
/// </summary>
[Trait("Speed", "Slow")]
public sealed class MasterChangeTests
{
    [Fact]
    public async Task A_changed_master_restarts_alone_and_its_clients_get_its_results_again()
    {
        using var topology = TestTopology.FromShipped("main3");
        using var run = new ControlledRun(topology);
        var clients = RunChecksIds(topology);
        await run.UntilAsync(s => clients.All(c => Long(s, "clients", c, "masterResults") > 0), "every client getting the master's results");
        var pids = run.NodePids();

        var text = File.ReadAllText(topology.Path).Replace("max-size = 4", "max-size = 2");
        var answer = await run.ApplyAsync(text[..text.LastIndexOf("valkka.name", StringComparison.Ordinal)]);

        var changes = answer["changes"]!.AsArray().Select(c => $"{c!["action"]} {c["kind"]} {c["id"]}").ToList();
        Assert.Equal(["changed master heavy"], changes);
        var after = await run.StatusAsync();
        await run.UntilAsync(s => Long(s, "masters", "heavy", "batches") > 10
                                  && clients.All(c => Long(s, "clients", c, "masterResults") > Long(after, "clients", c, "masterResults") + 5),
            "the new master answering every client");
        Assert.Equal(pids, run.NodePids());
        run.Process.Terminate();
        Assert.Equal(0, await run.Process.WaitForExitAsync(EndToEnd.RunChecks.RunDeadline));
        Assert.Empty(topology.RingsLeft());
    }

    private static IReadOnlyList<string> RunChecksIds(TestTopology topology) =>
        EndToEnd.RunChecks.Definition(topology).Clients.Where(c => c.Master is not null).Select(c => c.Id).ToList();
}
