using Akka.Actor;
using Akka.Configuration;

namespace Valkka.Bench;

/// <summary>Actor systems for the Akka-only baseline: remoting on 127.0.0.1, an OS-chosen port.</summary>
public static class BenchAkka
{
    public const string SystemName = "bench";

    /// <summary>Plain Akka.Remote with maximum-frame-size raised so a 1080p RGB frame fits in one message.</summary>
    public static Config LargeFrames(int maxMessageBytes, string hostname = "127.0.0.1") => ConfigurationFactory.ParseString($$"""
        akka {
          loglevel = WARNING
          stdout-loglevel = WARNING
          actor.provider = remote
          remote.dot-netty.tcp {
            hostname = "{{hostname}}"
            port = 0
            maximum-frame-size = {{maxMessageBytes}}b
            send-buffer-size = {{2L * maxMessageBytes}}b
            receive-buffer-size = {{2L * maxMessageBytes}}b
          }
        }
        """);

    public static int BoundPort(ActorSystem system) =>
        ((ExtendedActorSystem)system).Provider.DefaultAddress.Port
        ?? throw new InvalidOperationException("the actor system has no remote port");

    /// <summary>Resolves a remote actor, retrying a few times (a loaded peer may still be starting it).</summary>
    public static IActorRef Resolve(ActorSystem system, int port, string actorName)
    {
        var path = $"akka.tcp://{system.Name}@127.0.0.1:{port}/user/{actorName}";
        for (int attempt = 1; ; attempt++)
        {
            try { return system.ActorSelection(path).ResolveOne(TimeSpan.FromSeconds(20)).GetAwaiter().GetResult(); }
            catch (ActorNotFoundException) when (attempt < 5) { Thread.Sleep(TimeSpan.FromSeconds(attempt)); }
            catch (ActorNotFoundException e) { throw new InvalidOperationException($"no actor at {path} after {attempt} attempts", e); }
        }
    }
}
