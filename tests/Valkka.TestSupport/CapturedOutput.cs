namespace Valkka.TestSupport;

/// <summary>
/// The lines a child process prints: both streams in arrival order, stdout alone (read in order by
/// <see cref="Next"/>) and stderr alone; waits wake on every new line and when both streams end.
/// </summary>
internal sealed class CapturedOutput
{
    private readonly object _gate = new();
    private readonly List<string> _all = new();
    private readonly List<string> _stdout = new();
    private readonly List<string> _stderr = new();
    private int _nextStdout;
    private bool _stdoutOpen = true;
    private bool _stderrOpen = true;

    public void Add(string? line, bool fromStderr)
    {
        lock (_gate)
        {
            if (line is null)
            {
                if (fromStderr) _stderrOpen = false;
                else _stdoutOpen = false;
            }
            else
            {
                _all.Add(line);
                (fromStderr ? _stderr : _stdout).Add(line);
            }
            Monitor.PulseAll(_gate);
        }
    }

    public IReadOnlyList<string> Lines
    {
        get { lock (_gate) return _all.ToList(); }
    }

    public string StandardOutput
    {
        get { lock (_gate) return string.Join('\n', _stdout); }
    }

    public string Errors
    {
        get { lock (_gate) return string.Join('\n', _stderr); }
    }

    public string Tail(int lines)
    {
        lock (_gate) return string.Join('\n', _all.TakeLast(lines));
    }

    /// <summary>The first line (of either stream) that matches; null when the output ended or the time ran out first.</summary>
    public string? WaitFor(Func<string, bool> match, TimeSpan timeout, out bool ended)
    {
        var end = DateTime.UtcNow + timeout;
        lock (_gate)
        {
            for (var checkedLines = 0; ; )
            {
                for (; checkedLines < _all.Count; checkedLines++)
                {
                    if (match(_all[checkedLines]))
                    {
                        ended = false;
                        return _all[checkedLines];
                    }
                }
                ended = !_stdoutOpen && !_stderrOpen;
                var left = end - DateTime.UtcNow;
                if (ended || left <= TimeSpan.Zero) return null;
                Monitor.Wait(_gate, left);
            }
        }
    }

    /// <summary>The next stdout line not yet taken; null when stdout ended or the time ran out first.</summary>
    public string? Next(TimeSpan timeout)
    {
        var end = DateTime.UtcNow + timeout;
        lock (_gate)
        {
            while (_nextStdout >= _stdout.Count)
            {
                var left = end - DateTime.UtcNow;
                if (!_stdoutOpen || left <= TimeSpan.Zero) return null;
                Monitor.Wait(_gate, left);
            }
            return _stdout[_nextStdout++];
        }
    }
}
