using Valkka.Shm;

namespace Valkka.Chaos.Faults;

/// <summary>Fault 1: SIGKILL of a random node (camera, client or master); the supervisor restarts it.</summary>
public sealed class KillFault : IFault
{
    public string Name => FaultNames.Kill;

    public async Task<Injection> InjectAsync(ChaosContext context)
    {
        var node = context.Pick(context.Nodes.Names.ToList());
        var pid = await context.PidAsync(node);
        ProcessSignals.Kill(pid);
        return new Injection($"{node} (pid {pid})", DateTimeOffset.UtcNow, [], MayRestart: true) { TargetKind = context.KindOf(node) };
    }
}
