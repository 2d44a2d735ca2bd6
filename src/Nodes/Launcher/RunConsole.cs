using Valkka.Media.Sources;
using Valkka.Nodes.Stats;

namespace Valkka.Nodes.Launcher;

/// <summary>
/// Collects what a run produces: stats into the board, every log line into the log file, and the
/// latest lines and supervision events for the live view. Without a live view (output redirected)
/// events and log lines go to stderr as "[node] line".
/// </summary>
public sealed class RunConsole : IRunOutput, IDisposable
{
    private readonly StreamWriter? _logFile;
    private readonly bool _echo;
    private readonly Queue<string> _recent = new();
    private readonly object _gate = new();

    public RunConsole(string? logPath, bool echoToStderr)
    {
        _echo = echoToStderr;
        LogPath = logPath;
        if (logPath is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(logPath))!);
            _logFile = new StreamWriter(logPath, append: false) { AutoFlush = true };
        }
    }

    public StatsBoard Board { get; } = new();
    public string? LogPath { get; }

    public IReadOnlyList<string> RecentLines
    {
        get { lock (_gate) return _recent.ToList(); }
    }

    private readonly Dictionary<string, DateTimeOffset> _diedAt = new();
    private readonly List<(string Node, double Seconds)> _recoveries = [];

    /// <summary>For each restart of a node running clients: seconds from its death to its clients analyzing again.</summary>
    public IReadOnlyList<(string Node, double Seconds)> Recoveries
    {
        get { lock (_gate) return _recoveries.ToList(); }
    }

    public void Stats(NodeReport report, int incarnation)
    {
        var now = DateTimeOffset.UtcNow;
        Board.Update(report, incarnation, now);
        lock (_gate)
        {
            if (incarnation > 0 && _diedAt.TryGetValue(report.Node, out var died) && report.Clients.Count > 0
                && report.Clients.All(c => c.Analyzed > 0))
            {
                _diedAt.Remove(report.Node);
                var seconds = (now - died).TotalSeconds;
                _recoveries.Add((report.Node, seconds));
                Write($"[{report.Node}] clients analyze frames again {seconds:0.0}s after the node died", important: true);
            }
        }
    }

    public void Log(string node, string line) => Write($"[{node}] {line}", important: false);

    public void Event(string node, string message) => Write($"[{node}] {message}", important: true);

    public void NodeState(string node, string state) => Board.SetNodeState(node, state);

    public void Restarted(string node, int restarts)
    {
        Board.SetRestarts(node, restarts);
        lock (_gate) _diedAt.TryAdd(node, DateTimeOffset.UtcNow);
    }

    /// <summary>A message of the launcher itself.</summary>
    public void Say(string message) => Write($"[valkka] {message}", important: true);

    // Node output can name a camera URL: no user:password reaches the log, the table or stderr.
    private void Write(string unmasked, bool important)
    {
        var text = Valkka.Media.Sources.CameraUrl.Masked(unmasked);
        var stamped = $"{DateTime.Now:HH:mm:ss.fff} {text}";
        lock (_gate)
        {
            _logFile?.WriteLine(stamped);
            _recent.Enqueue(important ? "! " + text : "  " + text);
            while (_recent.Count > 8) _recent.Dequeue();
            if (_echo) Console.Error.WriteLine(stamped);
        }
    }

    public void Dispose()
    {
        lock (_gate) _logFile?.Dispose();
    }
}
