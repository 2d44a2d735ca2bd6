namespace Valkka.Bench;

/// <summary>Threads that spin for as long as they live: CPU load for a run that must hold up under it.</summary>
public sealed class CpuHogs : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Thread> _threads = [];

    private CpuHogs(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var thread = new Thread(() =>
            {
                var token = _stop.Token;
                while (!token.IsCancellationRequested) Thread.SpinWait(1000);
            }) { IsBackground = true, Name = $"cpu-hog-{i}" };
            thread.Start();
            _threads.Add(thread);
        }
    }

    public static CpuHogs Start(int count) => new(count);

    public void Dispose()
    {
        _stop.Cancel();
        foreach (var thread in _threads) thread.Join();
        _stop.Dispose();
    }
}
