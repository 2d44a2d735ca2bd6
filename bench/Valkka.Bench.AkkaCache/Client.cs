using Akka.Actor;

namespace Valkka.Bench.AkkaCache;

/// <summary>On the sending system, one per round: pings a worker and ends when every pong is back.</summary>
public sealed class Client : ReceiveActor
{
    private readonly IActorRef _worker;
    private readonly int _pings;

    public Client(IActorRef worker, int pings, TaskCompletionSource done)
    {
        _worker = worker;
        _pings = pings;
        int back = 0;
        Receive<Pong>(_ =>
        {
            if (++back < pings) return;
            done.TrySetResult();
            Context.Stop(Self);
        });
    }

    protected override void PreStart()
    {
        for (int i = 0; i < _pings; i++) _worker.Tell(new Ping(i), Self);
    }
}
