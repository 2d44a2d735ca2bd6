using System.Diagnostics;
using Valkka.Nodes.Node;
using Valkka.Nodes.Stats;
using Valkka.Shm;

namespace Valkka.Nodes.Launcher;

/// <summary>
/// One supervised node process. Starts it, reads its stdout (stats lines and logs) and stderr
/// (logs), and when it dies while the run goes on, says so and restarts it with backoff.
/// </summary>
public sealed class NodeProcess
{
    private readonly string _node;
    private readonly Func<ProcessStartInfo> _startInfo;
    private readonly IRunOutput _output;
    private readonly RestartBackoff _backoff = RestartBackoff.Default();
    private readonly CancellationTokenSource _stopping = new();
    private Process? _process;
    private Task? _loop;
    private IDisposable? _firstTurn;

    private readonly Action<ApplyReply>? _applied;
    private readonly Action<string>? _peerNotice;
    private readonly object _stdin = new();

    /// <param name="applied">Called with each answer of the node to a change request (<see cref="ApplyLines"/>).</param>
    /// <param name="peerNotice">Called with each line the node prints about the desired state of other hosts (<see cref="DesiredStateLines"/>).</param>
    public NodeProcess(string node, Func<ProcessStartInfo> startInfo, IRunOutput output, Action<ApplyReply>? applied = null,
        Action<string>? peerNotice = null)
    {
        _node = node;
        _startInfo = startInfo;
        _output = output;
        _applied = applied;
        _peerNotice = peerNotice;
    }

    /// <summary>Writes a line to the running process's stdin; false when it does not run.</summary>
    public bool TrySend(string line)
    {
        lock (_stdin)
        {
            try
            {
                if (_process is not { HasExited: false } process) return false;
                process.StandardInput.WriteLine(line);
                process.StandardInput.Flush();
                return true;
            }
            catch (Exception e) when (e is IOException or InvalidOperationException)
            {
                return false;
            }
        }
    }

    public string Node => _node;
    public int Restarts { get; private set; }
    public int? Pid { get { try { return _process is { HasExited: false } p ? p.Id : null; } catch (InvalidOperationException) { return null; } } }

    /// <summary>Starts supervising; firstTurn (a start slot, <see cref="NodeStartGate"/>) ends when the first process reports or exits.</summary>
    public void Start(IDisposable? firstTurn = null)
    {
        _firstTurn = firstTurn;
        _loop = Task.Run(SuperviseAsync);
    }

    private async Task SuperviseAsync()
    {
        try
        {
            await SuperviseLoopAsync().ConfigureAwait(false);
        }
        finally
        {
            _firstTurn?.Dispose();
        }
    }

    private async Task SuperviseLoopAsync()
    {
        var incarnation = 0;
        while (!_stopping.IsCancellationRequested)
        {
            var started = DateTimeOffset.UtcNow;
            Process process;
            try
            {
                process = Launch(incarnation);
            }
            catch (Exception e)
            {
                _output.Event(_node, $"cannot start node process: {e.Message}");
                return;
            }
            if (_stopping.IsCancellationRequested) ProcessSignals.Terminate(process.Id);   // stopped while it was being launched
            _output.NodeState(_node, $"running (pid {process.Id})");
            _output.Event(_node, $"node process started (pid {process.Id})");
            await process.WaitForExitAsync().ConfigureAwait(false);
            _firstTurn?.Dispose();
            var code = process.ExitCode;
            var ranFor = DateTimeOffset.UtcNow - started;
            if (_stopping.IsCancellationRequested)
            {
                _output.NodeState(_node, $"stopped (exit code {code})");
                break;
            }
            Restarts++;
            incarnation++;
            var delay = _backoff.NextDelay(ranFor);
            string when = delay == TimeSpan.Zero ? "restarting now" : $"restarting in {delay.TotalSeconds:0.0}s";
            _output.Restarted(_node, Restarts);
            _output.Event(_node, $"node process {process.Id} died ({DescribeExit(code)}) after {ranFor.TotalSeconds:0.0}s; " +
                                 $"{when} (restart {Restarts})");
            _output.NodeState(_node, when);
            try
            {
                await Task.Delay(delay, _stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private Process Launch(int incarnation)
    {
        var info = _startInfo();
        NodeEnvironment.Apply(info, Environment.GetEnvironmentVariable(NodeEnvironment.ArenaMaxVariable));
        info.RedirectStandardOutput = true;
        info.RedirectStandardInput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            if (StatsLine.TryParse(e.Data, out var report))
            {
                _output.Stats(report, incarnation);
                if (incarnation == 0) _firstTurn?.Dispose();
            }
            else if (ApplyLines.TryParse(e.Data, out ApplyReply reply)) _applied?.Invoke(reply);
            else if (DesiredStateLines.IsPeerNotice(e.Data)) _peerNotice?.Invoke(e.Data);
            else _output.Log(_node, e.Data);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null) _output.Log(_node, e.Data);
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        return process;
    }

    /// <summary>Sends SIGTERM (the node runs its CoordinatedShutdown), waits up to grace, then SIGKILL.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        _stopping.Cancel();
        var process = _process;
        if (process is not null)
        {
            try
            {
                if (!process.HasExited)
                {
                    ProcessSignals.Terminate(process.Id);
                    using var timeout = new CancellationTokenSource(grace);
                    try
                    {
                        await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        _output.Event(_node, $"node process {process.Id} did not stop within {grace.TotalSeconds:0}s; killing it");
                        process.Kill(entireProcessTree: true);
                        await process.WaitForExitAsync().ConfigureAwait(false);
                    }
                }
            }
            catch (InvalidOperationException)
            {
                // never started or already reaped
            }
        }
        if (_loop is not null) await _loop.ConfigureAwait(false);
    }

    /// <summary>Kills the current process with SIGKILL (for tests and for `kill -9` drills).</summary>
    public void KillHard()
    {
        if (Pid is { } pid) ProcessSignals.Kill(pid);
    }

    // .NET reports a process killed by signal N as exit code 128 + N.
    private static string DescribeExit(int code) => code switch
    {
        137 => "killed by SIGKILL",
        143 => "killed by SIGTERM",
        > 128 and < 160 => $"killed by signal {code - 128}",
        _ => $"exit code {code}",
    };
}
