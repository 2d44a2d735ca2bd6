using System.Net.Sockets;
using Akka.Actor;
using Akka.Configuration;
using Valkka.Actors.Node;

namespace Valkka.Chaos.Faults;

/// <summary>
/// Fault 6: on a random node's remoting port, 64 KiB of random bytes, a connection left open
/// without a byte (half-open), and from a foreign actor system a message whose payload names a type
/// off the allowlist (System.Collections.ArrayList). The node must reject it, log the type by name,
/// and live on.
/// </summary>
public sealed class RemotingGarbageFault : IFault
{
    private const string ForeignType = "System.Collections.ArrayList";
    private static readonly TimeSpan LogPatience = TimeSpan.FromSeconds(10);

    public string Name => FaultNames.RemotingGarbage;

    public async Task<Injection> InjectAsync(ChaosContext context)
    {
        var node = context.Pick(context.Nodes.Names.ToList());
        var port = context.Topology.Ports[node];
        var since = DateTimeOffset.UtcNow;
        var problems = new List<string>();

        using var halfOpen = new TcpClient();
        await halfOpen.ConnectAsync("127.0.0.1", port);
        using (var garbage = new TcpClient())
        {
            await garbage.ConnectAsync("127.0.0.1", port);
            var bytes = new byte[64 * 1024];
            context.Random.NextBytes(bytes);
            try { await garbage.GetStream().WriteAsync(bytes); }
            catch (IOException) { } // the node may close the connection before all of it is sent: fine
        }

        var config = ConfigurationFactory.ParseString($"akka.actor.serialization-settings.valkka.allowed-types = [\"{ForeignType}\"]\n" +
                                                      "akka.loglevel = OFF\nakka.stdout-loglevel = OFF")
            .WithFallback(NodeConfig.Create("127.0.0.1", 0, []));
        using (var foreign = ActorSystem.Create("chaos-foreign", config))
        {
            var target = foreign.ActorSelection($"akka.tcp://{NodeConfig.SystemName}@127.0.0.1:{port}/user/chaos-probe");
            target.Tell(new System.Collections.ArrayList { "chaos" });
            await ChaosWait.UntilAsync(Logged, LogPatience);
            await foreign.Terminate();
        }
        if (!Logged()) problems.Add($"{node} did not log the rejected type {ForeignType} within {LogPatience.TotalSeconds:0}s");
        return new Injection($"{node} (port {port})", DateTimeOffset.UtcNow, problems, MayRestart: false);

        bool Logged() => context.Output.LinesOf(node, since).Any(l => l.Contains(ForeignType, StringComparison.Ordinal));
    }
}
