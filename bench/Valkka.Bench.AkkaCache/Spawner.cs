using System.Collections.Concurrent;
using Akka.Actor;

namespace Valkka.Bench.AkkaCache;

/// <summary>
/// On the receiving system: makes a worker per <see cref="Spawn"/> and records a weak reference to its
/// settings, so the run can count the stopped workers whose cells something still holds.
/// </summary>
public sealed class Spawner : ReceiveActor
{
    public Spawner(ConcurrentQueue<WeakReference> settingsMade, int payloadBytes, int pings)
    {
        Receive<Spawn>(s =>
        {
            var settings = new WorkerSettings(payloadBytes);
            settingsMade.Enqueue(new WeakReference(settings));
            // Top-level, as a node's cameras and masters are: a RepointableActorRef, which holds its Props.
#pragma warning disable AK1008 // on purpose: a top-level actor, not a child
            var worker = Context.System.ActorOf(Props.Create(() => new Worker(settings, pings)), "w" + s.Id);
#pragma warning restore AK1008
            Sender.Tell(new Spawned(worker));
        });
    }
}
