using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Akka.Actor;
using Akka.Configuration;

namespace Valkka.Bench.AkkaCache;

/// <summary>
/// Two ActorSystems in one process over Akka.Remote on 127.0.0.1. Each round the sending system asks
/// the receiving one for a new worker, pings it from a new client and waits for the pongs; the worker
/// stops. Every inbound message names a path with a uid seen never before (the worker's on the
/// receiving side, the client's and the ask's on the sending side), so each thread that decodes
/// inbound messages fills its caches with new entries. Prints the caches' fill, the stopped workers
/// whose settings are still reachable and the GC heap after a full collection, every so many rounds.
/// </summary>
public static class CacheChurn
{
    public static async Task<int> RunAsync(CacheOptions o, TextWriter output)
    {
        WarmUpPool(o.PoolThreads);
        using var stop = new CancellationTokenSource();
        var busy = Enumerable.Range(0, o.Busy).Select(_ => BusyAsync(stop.Token)).ToArray();
        var settingsMade = new ConcurrentQueue<WeakReference>();
        var config = Config(o);
        using var receiver = ActorSystem.Create("receiver", config);
        using var sender = ActorSystem.Create("sender", config);
        receiver.ActorOf(Props.Create(() => new Spawner(settingsMade, o.Payload, o.Pings)), "spawner");
        int port = ((ExtendedActorSystem)receiver).Provider.DefaultAddress.Port!.Value;
        var spawner = await sender.ActorSelection($"akka.tcp://receiver@127.0.0.1:{port}/user/spawner").ResolveOne(TimeSpan.FromSeconds(10));

        string mode = o.Dispatcher == "pool" ? "pool (Akka's default)" : $"dedicated, {o.Threads} threads";
        output.WriteLine($"remote dispatcher: {mode}; {o.Rounds} rounds, {o.Parallel} at once, {o.Pings} pings each, " +
                         $"payload {o.Payload} B, pool warmed to {o.PoolThreads}, {o.Busy} busy tasks");
        output.WriteLine("rounds  seconds  pool  threads | receiver ref caches  entries  path caches  entries | sender ref caches  entries  path caches  entries | stopped workers kept  heap MiB");
        var receiverCaches = new CacheProbe(receiver);
        var senderCaches = new CacheProbe(sender);
        var clock = Stopwatch.StartNew();
        long next = 0;
        for (int done = 0; done < o.Rounds; done += o.ReportEvery)
        {
            int perLane = Math.Max(1, o.ReportEvery / o.Parallel);
            await Task.WhenAll(Enumerable.Range(0, o.Parallel).Select(async _ =>
            {
                for (int i = 0; i < perLane; i++) await RoundAsync(sender, spawner, Interlocked.Increment(ref next), o.Pings);
            }));
            await Task.Delay(200); // the last workers' stops
            int kept = Kept(settingsMade);
            var rr = receiverCaches.Read(CacheProbe.RefCache);
            var rp = receiverCaches.Read(CacheProbe.PathCache);
            var sr = senderCaches.Read(CacheProbe.RefCache);
            var sp = senderCaches.Read(CacheProbe.PathCache);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{next,6}  {clock.Elapsed.TotalSeconds,7:F1}  {ThreadPool.ThreadCount,4}  {Process.GetCurrentProcess().Threads.Count,7} | " +
                $"{rr.Caches,19}  {rr.Entries,7}  {rp.Caches,11}  {rp.Entries,7} | {sr.Caches,17}  {sr.Entries,7}  {sp.Caches,11}  {sp.Entries,7} | " +
                $"{kept,20}  {GC.GetTotalMemory(true) / 1048576.0,8:F2}"));
        }
        await stop.CancelAsync();
        await Task.WhenAll(busy);
        await Task.WhenAll(sender.Terminate(), receiver.Terminate());
        return 0;
    }

    public static Config Config(CacheOptions o)
    {
        var remoting = ConfigurationFactory.ParseString("""
            akka.loglevel = WARNING
            akka.actor.provider = remote
            akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
            """);
        if (o.Dispatcher == "pool") return remoting;
        // Remoting's actors (endpoint readers and writers among them) on threads of their own: only
        // these threads decode inbound messages, so only they have the thread-local caches.
        return ConfigurationFactory.ParseString($$"""
            akka.remote.default-remote-dispatcher {
              executor = fork-join-executor
              fork-join-executor { parallelism-min = {{o.Threads}}, parallelism-factor = 1.0, parallelism-max = {{o.Threads}} }
            }
            """).WithFallback(remoting);
    }

    private static async Task RoundAsync(ActorSystem sender, IActorRef spawner, long id, int pings)
    {
        var spawned = await spawner.Ask<Spawned>(new Spawn(id), TimeSpan.FromSeconds(10));
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        sender.ActorOf(Props.Create(() => new Client(spawned.Worker, pings, done)), "c" + id.ToString(CultureInfo.InvariantCulture));
        await done.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    // Stopped workers whose settings a full collection left: something still holds their cells.
    private static int Kept(ConcurrentQueue<WeakReference> made)
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        int count = made.Count, alive = 0;
        for (int i = 0; i < count && made.TryDequeue(out var w); i++)
        {
            if (!w.IsAlive) continue;
            alive++;
            made.Enqueue(w);
        }
        return alive;
    }

    // As a node does (ThreadPoolWarmUp): start the workers the pool will keep for the run.
    private static void WarmUpPool(int workers)
    {
        ThreadPool.GetMinThreads(out int minWorkers, out int minIo);
        ThreadPool.SetMinThreads(Math.Max(minWorkers, workers), minIo);
        using var running = new CountdownEvent(workers);
        for (int i = 0; i < workers; i++)
            ThreadPool.UnsafeQueueUserWorkItem(_ => { running.Signal(); running.Wait(TimeSpan.FromSeconds(5)); }, null);
        running.Wait(TimeSpan.FromSeconds(10));
        Thread.Sleep(100);
        ThreadPool.SetMinThreads(minWorkers, minIo);
    }

    // Wakes a pool worker every couple of milliseconds for a moment of work, as other actors do.
    private static async Task BusyAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try { await Task.Delay(2, stop); } catch (OperationCanceledException) { return; }
            Thread.SpinWait(2000);
        }
    }
}
