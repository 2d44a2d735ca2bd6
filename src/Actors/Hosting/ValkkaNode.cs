using Akka.Actor;
using Akka.Configuration;

namespace Valkka.Actors.Hosting;

/// <summary>Starts a node's ActorSystem the way every Valkka node must be started.</summary>
public static class ValkkaNode
{
    /// <summary>
    /// Creates the ActorSystem "valkka" from config and makes SIGTERM run CoordinatedShutdown (so
    /// cameras stop their decoders and unlink their rings): .NET 10 no longer raises ProcessExit on
    /// SIGTERM, and Akka only hooks the signal once CoordinatedShutdown was asked for at start.
    /// </summary>
    public static ActorSystem Start(Config config, string name = NodeConfig.SystemName)
    {
        var system = ActorSystem.Create(name, config);
        CoordinatedShutdown.Get(system);
        return system;
    }
}
