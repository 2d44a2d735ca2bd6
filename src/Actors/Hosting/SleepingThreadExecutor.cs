using Akka.Dispatch;

namespace Valkka.Actors;

/// <summary>
/// Runs an actor's mailbox on one dedicated thread that sleeps (Monitor.Wait) as soon as it has
/// nothing to do. Akka's PinnedDispatcher thread (DedicatedThreadPool) instead spins through up to
/// ~100 Thread.Sleep(0) calls before it sleeps, after every message: at a few hundred messages a
/// second that spinning cost more CPU than a client's or master's own work.
/// </summary>
internal sealed class SleepingThreadExecutor : ExecutorService
{
    private readonly Queue<IRunnable> _queue = new();
    private bool _shutdown;

    public SleepingThreadExecutor(string id) : base(id)
    {
        new Thread(Run) { IsBackground = true, Name = "valkka.analyzer" }.Start();
    }

    public override void Execute(IRunnable run)
    {
        lock (_queue)
        {
            if (_shutdown) throw new RejectedExecutionException($"executor of {Id} is shut down");
            _queue.Enqueue(run);
            if (_queue.Count == 1) Monitor.Pulse(_queue);
        }
    }

    public override void Shutdown()
    {
        lock (_queue)
        {
            _shutdown = true;
            Monitor.Pulse(_queue);
        }
    }

    private void Run()
    {
        while (true)
        {
            IRunnable next;
            lock (_queue)
            {
                while (_queue.Count == 0)
                {
                    if (_shutdown) return;
                    Monitor.Wait(_queue);
                }
                next = _queue.Dequeue();
            }
            try
            {
                next.Run();
            }
            catch (Exception e)
            {
                // Mailbox runs handle actor failures themselves; anything here is a bug in Akka or us.
                Console.Error.WriteLine($"valkka: uncaught exception on the thread of {Id}: {e}");
            }
        }
    }
}

/// <summary>Makes one <see cref="SleepingThreadExecutor"/> (one thread) per dispatcher.</summary>
internal sealed class SleepingThreadExecutorFactory : ExecutorServiceFactory
{
    public override ExecutorService Produce(string id) => new SleepingThreadExecutor(id);
}
