using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Valkka.Nodes.Launcher;
using Valkka.Nodes.Node;

namespace Valkka.Chaos;

/// <summary>
/// Every node of the chaos topology as a supervised process of the valkka program (the launcher's
/// own <see cref="NodeProcess"/>: a node that dies is restarted as in `valkka run`), with every pid
/// any node ever had, so that the end of a run can tell whether one is left.
/// </summary>
public sealed class ChaosNodes : IAsyncDisposable
{
    private readonly ChaosTopology _topology;
    private readonly Dictionary<string, NodeProcess> _processes = new();
    private readonly HashSet<int> _pidsSeen = [];
    private readonly object _gate = new();
    private readonly ConcurrentDictionary<(string Node, int Version, ApplyPhase Phase), TaskCompletionSource<ApplyReply>> _replies = new();

    private readonly string _valkkaDll;

    /// <summary>valkkaDll: the valkka program the nodes run (null: the copy beside this program).</summary>
    public ChaosNodes(ChaosTopology topology, ChaosOutput output, string? valkkaDll = null)
    {
        _topology = topology;
        _valkkaDll = valkkaDll is null ? ValkkaDll : Path.GetFullPath(valkkaDll);
        foreach (var node in topology.Definition.Nodes)
            _processes[node.Name] = new NodeProcess(node.Name, () => StartInfo(node.Name), output, Replied);
    }

    /// <summary>The valkka program's dll, copied beside this program by the project reference.</summary>
    public static string ValkkaDll => typeof(NodeProcess).Assembly.Location;

    public IReadOnlyCollection<string> Names => _processes.Keys;

    public void Start()
    {
        foreach (var process in _processes.Values) process.Start();
    }

    /// <summary>The node's current pid (null while it is down).</summary>
    public int? Pid(string node)
    {
        var pid = _processes[node].Pid;
        if (pid is { } p) lock (_gate) _pidsSeen.Add(p);
        return pid;
    }

    public int Restarts(string node) => _processes[node].Restarts;

    public int TotalRestarts => _processes.Values.Sum(p => p.Restarts);

    /// <summary>Records the current pids (call often: a pid that lived between two calls is missed).</summary>
    public void Observe()
    {
        foreach (var node in _processes.Keys) Pid(node);
    }

    /// <summary>
    /// A live change, as `valkka run` carries it out: every node reads file (the topology with its changes) and stops
    /// what it changes, then every node starts it again. The failures every node answered; a node that did not
    /// answer within timeout is one.
    /// </summary>
    public async Task<IReadOnlyList<string>> ApplyAsync(string file, int version, TimeSpan timeout)
    {
        var failures = new List<string>();
        foreach (var phase in new[] { ApplyPhase.Stop, ApplyPhase.Start })
        {
            var request = ApplyLines.Format(new ApplyRequest(phase, version, file, _topology.Path, _topology.Ports));
            var waiting = new List<(string Node, Task<ApplyReply> Reply)>();
            foreach (var (node, process) in _processes)
            {
                var reply = _replies.GetOrAdd((node, version, phase), _ => new TaskCompletionSource<ApplyReply>(TaskCreationOptions.RunContinuationsAsynchronously));
                if (process.TrySend(request)) waiting.Add((node, reply.Task));
                else failures.Add($"{node}: not running, version {version} not sent");
            }
            foreach (var (node, reply) in waiting)
            {
                if (await Task.WhenAny(reply, Task.Delay(timeout)) != reply) failures.Add($"{node}: no answer to version {version} ({phase}) within {timeout.TotalSeconds:0} s");
                else failures.AddRange(reply.Result.Failures.Select(f => $"{node}: {f}"));
                _replies.TryRemove((node, version, phase), out _);
            }
        }
        return failures;
    }

    private void Replied(ApplyReply reply) =>
        _replies.GetOrAdd((reply.Node, reply.Version, reply.Phase), _ => new TaskCompletionSource<ApplyReply>(TaskCreationOptions.RunContinuationsAsynchronously))
            .TrySetResult(reply);

    /// <summary>Pids of node processes that still run (after <see cref="DisposeAsync"/>: what was left behind).</summary>
    public IReadOnlyList<int> Alive()
    {
        lock (_gate) return _pidsSeen.Where(IsNodeProcess).ToList();
    }

    private static bool IsNodeProcess(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Contains("valkka.dll", StringComparison.Ordinal);
        }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
    }

    private ProcessStartInfo StartInfo(string node)
    {
        var info = new ProcessStartInfo(Valkka.TestSupport.DotnetHost.Find());
        foreach (var a in (string[])["exec", _valkkaDll, "node", _topology.Path, "--node", node, "--stats-interval", "500ms",
                     "--parent-pid", Environment.ProcessId.ToString(CultureInfo.InvariantCulture)])
            info.ArgumentList.Add(a);
        foreach (var (name, port) in _topology.Ports)
        {
            info.ArgumentList.Add("--port");
            info.ArgumentList.Add($"{name}={port.ToString(CultureInfo.InvariantCulture)}");
        }
        return info;
    }

    public async ValueTask DisposeAsync()
    {
        Observe();
        await Task.WhenAll(_processes.Values.Select(p => p.StopAsync(TimeSpan.FromSeconds(15))));
    }
}
