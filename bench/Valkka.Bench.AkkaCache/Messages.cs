using Akka.Actor;

namespace Valkka.Bench.AkkaCache;

/// <summary>Asks the spawner for a new worker (a new incarnation: a new path with a new uid).</summary>
public sealed record Spawn(long Id);

/// <summary>The spawner's answer: the worker, whose path the other system's messages will name.</summary>
public sealed record Spawned(IActorRef Worker);

/// <summary>To a worker, from a client; answered with <see cref="Pong"/>.</summary>
public sealed record Ping(int Seq);

public sealed record Pong(int Seq);

/// <summary>What a worker's Props carries, so that a cell kept alive after its actor stopped shows as bytes.</summary>
public sealed class WorkerSettings(int payloadBytes)
{
    public byte[] Payload { get; } = new byte[payloadBytes];
}
