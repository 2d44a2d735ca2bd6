namespace Valkka.Chaos.Faults;

/// <summary>
/// Fault 2: SIGSTOP of a random client node (a frozen reader) for the outage, then SIGCONT. Its
/// camera and the other readers must not wait for it meanwhile, and it must rejoin (as a new
/// incarnation: it restarts itself, since its peers quarantined it).
/// </summary>
public sealed class FreezeFault : IFault
{
    public string Name => FaultNames.Freeze;

    public async Task<Injection> InjectAsync(ChaosContext context)
    {
        var readers = context.Topology.Definition.Clients.Select(c => c.Node).Distinct().ToList();
        var node = context.Pick(readers.Count > 0 ? readers : context.Nodes.Names.ToList());
        var pid = await context.PidAsync(node);
        IReadOnlyList<string> problems;
        Signals.Stop(pid);
        try
        {
            problems = await context.HoldAsync(context.Options.Outage, context.RunsOn(node));
        }
        finally
        {
            Signals.Continue(pid);
        }
        // Frozen longer than its peers wait, the node was quarantined: it makes way for a new incarnation (QuarantineWatcher).
        return new Injection($"{node} (pid {pid}) for {context.Options.Outage.TotalSeconds:0}s", DateTimeOffset.UtcNow, problems, MayRestart: true);
    }
}
