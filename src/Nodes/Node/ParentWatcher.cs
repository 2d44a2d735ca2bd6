namespace Valkka.Nodes.Node;

/// <summary>
/// Polls that the launcher which started this node is still alive and calls onGone once when it
/// is not (killed with SIGKILL, crashed), so that the node shuts down cleanly instead of living
/// on as an orphan with its rings in /dev/shm.
/// </summary>
public sealed class ParentWatcher : IDisposable
{
    private readonly Timer _timer;
    private int _fired;

    private ParentWatcher(ProcStat parent, TimeSpan interval, Action onGone)
    {
        Parent = parent;
        _timer = new Timer(_ =>
        {
            if (!Parent.IsAlive() && Interlocked.Exchange(ref _fired, 1) == 0) onGone();
        }, null, interval, interval);
    }

    public ProcStat Parent { get; }

    /// <summary>Starts watching parentPid; throws when that process is already gone.</summary>
    public static ParentWatcher Start(int parentPid, TimeSpan interval, Action onGone)
    {
        var parent = ProcStat.Read(parentPid)
                     ?? throw new InvalidOperationException($"parent process {parentPid} is not running");
        return new ParentWatcher(parent, interval, onGone);
    }

    public void Dispose() => _timer.Dispose();
}
