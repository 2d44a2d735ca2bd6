using Akka.Actor;
using Akka.Configuration;
using Valkka.Actors.Node;

namespace Valkka.Actors.Tests.Support;

/// <summary>Configs and helpers for the ActorSystems of a test.</summary>
public static class Nodes
{
    public static Config Remote(params Type[] extraAllowed)
    {
        var config = NodeConfig.Create("127.0.0.1", 0, [typeof(Nodes).Assembly]);
        if (extraAllowed.Length == 0) return config;
        var names = string.Join(", ", extraAllowed.Select(t => "\"" + t.AssemblyQualifiedName + "\""));
        return ConfigurationFactory.ParseString($"akka.actor.serialization-settings.valkka.allowed-types = [{names}]").WithFallback(config);
    }

    /// <summary>A second ActorSystem "valkka" with remoting on a free port of 127.0.0.1.</summary>
    public static ActorSystem StartRemote(params Type[] extraAllowed) => ValkkaNode.Start(Remote(extraAllowed));

    public static Address AddressOf(ActorSystem system) => ((ExtendedActorSystem)system).Provider.DefaultAddress;

    public static string PathOf(ActorSystem system, string actorName) => $"{AddressOf(system)}/user/{actorName}";

    /// <summary>Terminates a node the test started and waits for it (its cameras unlink their rings).</summary>
    public static void Stop(ActorSystem system)
    {
        if (!system.Terminate().Wait(TimeSpan.FromSeconds(20)))
            throw new TimeoutException($"actor system {AddressOf(system)} did not terminate");
    }
}
