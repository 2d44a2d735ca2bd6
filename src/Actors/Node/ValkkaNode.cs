using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;

using Valkka.Actors.Security;

namespace Valkka.Actors.Node;

/// <summary>Starts a node's ActorSystem the way every Valkka node must be started.</summary>
public static class ValkkaNode
{
    /// <summary>
    /// Creates the ActorSystem "valkka" from config and makes SIGTERM run CoordinatedShutdown (so
    /// cameras stop their decoders and unlink their rings): .NET 10 no longer raises ProcessExit on
    /// SIGTERM, and Akka only hooks the signal once CoordinatedShutdown was asked for at start.
    /// </summary>
    public static ActorSystem Start(Config config, string name = NodeConfig.SystemName) => Start(config, null, name);

    /// <summary>The same with programmatic setup (e.g. <see cref="NodeTls.Setup"/>).</summary>
    public static ActorSystem Start(Config config, Setup? setup, string name = NodeConfig.SystemName)
    {
        var bootstrap = BootstrapSetup.Create().WithConfig(config);
        var system = ActorSystem.Create(name, setup is null ? ActorSystemSetup.Create(bootstrap) : bootstrap.And(setup));
        CoordinatedShutdown.Get(system);
        return system;
    }
}
