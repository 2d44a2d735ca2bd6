using Valkka.Nodes.Stats;

namespace Valkka.Nodes.Launcher;

/// <summary>Where the launcher sends what its nodes say: stats, log lines and supervision events.</summary>
public interface IRunOutput
{
    void Stats(NodeReport report, int incarnation);
    void Log(string node, string line);
    void Event(string node, string message);
    void NodeState(string node, string state);
    void Restarted(string node, int restarts);
}
