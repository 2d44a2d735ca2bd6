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

    public void Stats(NodeReport report, int incarnation) => Board.Update(report, incarnation, DateTimeOffset.UtcNow);

    public void Log(string node, string line) => Write($"[{node}] {line}", important: false);

    public void Event(string node, string message) => Write($"[{node}] {message}", important: true);

    public void NodeState(string node, string state) => Board.SetNodeState(node, state);

    public void Restarted(string node, int restarts) => Board.SetRestarts(node, restarts);

    /// <summary>A message of the launcher itself.</summary>
    public void Say(string message) => Write($"[valkka] {message}", important: true);

    private void Write(string text, bool important)
    {
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
