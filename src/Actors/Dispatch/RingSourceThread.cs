namespace Valkka.Actors.Dispatch;

/// <summary>A thread of its own for one ring source: polls it and sleeps on its ring's doorbell in between.</summary>
internal sealed class RingSourceThread : IHostedRingSource
{
    private static readonly TimeSpan SleepLimit = TimeSpan.FromSeconds(1);

    private readonly IRingWakeSource _source;
    private readonly Thread _thread;
    private volatile bool _stopping;

    public RingSourceThread(IRingWakeSource source, string threadName)
    {
        _source = source;
        _thread = new Thread(Run) { IsBackground = true, Name = threadName };
        _thread.Start();
    }

    public bool OnActorThread => false;

    /// <summary>Stops the thread and waits for it.</summary>
    public void Dispose()
    {
        if (_stopping) return;
        _stopping = true;
        do _source.Awaited.Interrupt();
        while (!_thread.Join(TimeSpan.FromMilliseconds(50)));
    }

    private void Run()
    {
        while (!_stopping)
        {
            if (_source.Poll()) continue;
            _source.Awaited.Wait(SleepLimit);
        }
    }
}
