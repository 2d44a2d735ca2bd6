using System.Collections.Concurrent;
using Valkka.Nodes.Launcher;
using Valkka.Nodes.Stats;

namespace Valkka.Chaos;

/// <summary>
/// The launcher's console (log file, stats board) plus what the chaos runner needs to see: every
/// node's recent lines (to find a rejection in a node's log) and its latest report (GC heap for the soak).
/// </summary>
public sealed class ChaosOutput(RunConsole console) : IRunOutput
{
    private const int KeptLines = 2000;
    private readonly ConcurrentQueue<(DateTimeOffset At, string Node, string Line)> _lines = new();
    private readonly ConcurrentDictionary<string, NodeReport> _latest = new();

    public StatsBoard Board => console.Board;
    public RunConsole Console => console;
    public IReadOnlyDictionary<string, NodeReport> LatestReports => _latest;

    public IEnumerable<string> LinesOf(string node, DateTimeOffset since) =>
        _lines.Where(l => l.Node == node && l.At >= since).Select(l => l.Line);

    public void Stats(NodeReport report, int incarnation)
    {
        _latest[report.Node] = report;
        console.Stats(report, incarnation);
    }

    public void Log(string node, string line)
    {
        Keep(node, line);
        console.Log(node, line);
    }

    public void Event(string node, string message)
    {
        Keep(node, message);
        console.Event(node, message);
    }

    public void NodeState(string node, string state) => console.NodeState(node, state);

    public void Restarted(string node, int restarts) => console.Restarted(node, restarts);

    private void Keep(string node, string line)
    {
        _lines.Enqueue((DateTimeOffset.UtcNow, node, line));
        while (_lines.Count > KeptLines) _lines.TryDequeue(out _);
    }
}
