namespace Valkka.Chaos.Faults;

/// <summary>
/// Fault 7: the master analyzer throws on every batch for half the outage, then hangs for the other
/// half (see <see cref="FaultSwitchBatchAnalyzer"/>). Clients and cameras must not stall meanwhile;
/// afterwards the master analyzes again.
/// </summary>
public sealed class MasterFault : IFault
{
    public string Name => FaultNames.Master;

    public async Task<Injection> InjectAsync(ChaosContext context)
    {
        var masters = context.Topology.Definition.Masters;
        if (masters.Count == 0) return Injection.Skipped("the topology has no master");
        var half = context.Options.Outage / 2;
        var spared = masters.Select(m => m.Id).ToHashSet();
        var problems = new List<string>();
        try
        {
            File.WriteAllText(context.Topology.ControlFile, FaultSwitchBatchAnalyzer.Throw);
            problems.AddRange((await context.HoldAsync(half, spared)).Select(p => "(throwing) " + p));
            File.WriteAllText(context.Topology.ControlFile, FaultSwitchBatchAnalyzer.Hang);
            problems.AddRange((await context.HoldAsync(half, spared)).Select(p => "(hanging) " + p));
        }
        finally
        {
            File.WriteAllText(context.Topology.ControlFile, FaultSwitchBatchAnalyzer.Ok);
        }
        return new Injection($"{string.Join(", ", spared)}: throws {half.TotalSeconds:0}s, hangs {half.TotalSeconds:0}s", DateTimeOffset.UtcNow, problems, MayRestart: false);
    }
}
