namespace Valkka.Chaos.Faults;

/// <summary>Fault 3: the RTSP server of a camera stops for the outage and comes back on the same port.</summary>
public sealed class RtspOutageFault : IFault
{
    public string Name => FaultNames.RtspOutage;

    public async Task<Injection> InjectAsync(ChaosContext context)
    {
        if (context.Topology.Rtsp is not { } server || context.Topology.RtspCamera is not { } camera)
            return Injection.Skipped("no camera is served by the runner's RTSP server");
        var affected = context.Topology.Definition.Clients.Where(c => c.Cameras.Contains(camera)).Select(c => c.Id)
            .Append(camera).ToHashSet();
        server.Stop();
        IReadOnlyList<string> problems;
        try
        {
            problems = await context.HoldAsync(context.Options.Outage, affected);
        }
        finally
        {
            await Task.Run(server.Start);
        }
        return new Injection($"{camera} ({server.Url}) for {context.Options.Outage.TotalSeconds:0}s", DateTimeOffset.UtcNow, problems, MayRestart: false);
    }
}
