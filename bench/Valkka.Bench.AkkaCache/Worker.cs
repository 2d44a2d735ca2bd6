using Akka.Actor;

namespace Valkka.Bench.AkkaCache;

/// <summary>On the receiving system: answers pings, and stops after the last one it was made for.</summary>
public sealed class Worker : ReceiveActor
{
    public Worker(WorkerSettings settings, int pings)
    {
        int seen = 0;
        _ = settings;
        Receive<Ping>(p =>
        {
            Sender.Tell(new Pong(p.Seq));
            if (++seen == pings) Context.Stop(Self);
        });
    }
}
