using Akka.Actor;
using Valkka.Actors.Tests.Support;

namespace Valkka.Actors.Tests.Node;

/// <summary>
/// Two nodes of NodeConfig over Akka.Remote on 127.0.0.1; actors on one come and go (new incarnations)
/// while the other asks each of them, many at once on a busy thread pool. Only remoting's own threads
/// decode inbound messages, so Akka.Remote's per-thread actor-ref and path caches (which keep stopped
/// actors' cells) exist on at most <see cref="NodeConfig.RemotingThreads"/> threads of each node. On the
/// thread pool (Akka's default) every pool worker that ran an endpoint reader built a pair of its own.
/// </summary>
public sealed class RemotingThreadsTests : IDisposable
{
    private readonly ActorSystem _receiver = Nodes.StartRemote();
    private readonly ActorSystem _sender = Nodes.StartRemote();

    [Fact]
    public async Task Inbound_messages_are_decoded_only_on_remotings_own_threads()
    {
        StartPoolWorkers(16);
        using var stop = new CancellationTokenSource();
        // Pool workers woken all the time, as a node's other actors do; a mailbox run lands on any of them.
        var busy = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(1);
                Thread.SpinWait(1000);
            }
        })).ToArray();
        try
        {
            int next = 0;
            await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
            {
                for (int i = Interlocked.Increment(ref next); i <= 400; i = Interlocked.Increment(ref next)) await AskNewIncarnationAsync(i);
            }));
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(busy);
        }

        foreach (var (name, system) in new[] { ("receiver", _receiver), ("sender", _sender) })
        foreach (string cache in new[] { RemotingCaches.RefCache, RemotingCaches.PathCache })
        {
            int threads = RemotingCaches.Threads(system, cache);
            Assert.True(threads is >= 1 and <= NodeConfig.RemotingThreads,
                $"{name}: {cache.Split(',')[0]} on {threads} threads, expected 1..{NodeConfig.RemotingThreads}");
        }
    }

    // As a node does at start (ThreadPoolWarmUp): the pool gets that many workers, each a thread of its own.
    private static void StartPoolWorkers(int workers)
    {
        ThreadPool.GetMinThreads(out int minWorkers, out int minIo);
        ThreadPool.SetMinThreads(Math.Max(minWorkers, ThreadPool.ThreadCount + workers), minIo);
        using var running = new CountdownEvent(workers);
        try
        {
            for (int i = 0; i < workers; i++)
                ThreadPool.UnsafeQueueUserWorkItem(_ => { running.Signal(); running.Wait(TimeSpan.FromSeconds(10)); }, null);
            Assert.True(running.Wait(TimeSpan.FromSeconds(20)), "the pool did not start its workers");
        }
        finally
        {
            ThreadPool.SetMinThreads(minWorkers, minIo);
        }
    }

    // A new top-level actor on the receiver, asked from the sender by its path with uid, then stopped.
    private async Task AskNewIncarnationAsync(int i)
    {
        var echo = _receiver.ActorOf(Props.Create(() => new EchoActor()), "echo-" + i);
        // By ActorPath: resolving a string would build the caches on this test's own threads.
        var remote = ((ExtendedActorSystem)_sender).Provider.ResolveActorRef(ActorPath.Parse($"{Nodes.PathOf(_receiver, "echo-" + i)}#{echo.Path.Uid}"));
        Assert.Equal("ping " + i, await remote.Ask<string>("ping " + i, TimeSpan.FromSeconds(20)));
        _receiver.Stop(echo);
    }

    public void Dispose()
    {
        Nodes.Stop(_sender);
        Nodes.Stop(_receiver);
    }
}
