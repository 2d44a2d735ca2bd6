using Valkka.Actors.LiveView;

namespace Valkka.Nodes.LiveView;

/// <summary>
/// The latest picture of one camera and the browsers watching it: the first watcher starts the
/// camera's picture reader, the last one to leave stops it.
/// </summary>
internal sealed class PictureFeed(string cameraId, Action start, Action stop)
{
    private readonly object _gate = new();
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private LivePicture? _latest;
    private int _watchers;

    private void Stop() => stop();

    public string CameraId => cameraId;

    public LivePicture? Latest
    {
        get { lock (_gate) return _latest; }
    }

    public int Watchers
    {
        get { lock (_gate) return _watchers; }
    }

    /// <summary>One browser watches until the result is disposed.</summary>
    public IDisposable Watch()
    {
        lock (_gate)
        {
            if (_watchers++ == 0) start();
        }
        return new Leave(this);
    }

    public void Publish(LivePicture picture)
    {
        TaskCompletionSource next;
        lock (_gate)
        {
            _latest = picture;
            next = _next;
            _next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        next.TrySetResult();
    }

    /// <summary>The latest picture if it is newer than sequence after, else the next one to come.</summary>
    public async Task<LivePicture> NextAsync(long after, CancellationToken cancel)
    {
        while (true)
        {
            Task waiting;
            lock (_gate)
            {
                if (_latest is { } latest && latest.Sequence != after) return latest;
                waiting = _next.Task;
            }
            await waiting.WaitAsync(cancel).ConfigureAwait(false);
        }
    }

    private sealed class Leave(PictureFeed feed) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
            lock (feed._gate)
            {
                if (--feed._watchers == 0)
                {
                    feed._latest = null;
                    feed.Stop();
                }
            }
        }
    }
}
