using System.Diagnostics;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Valkka.Actors.Python;

/// <summary>
/// One life of a Python worker: the interpreter running <c>valkka.worker</c>, connected back over a Unix
/// socket in a private temporary folder (mode 0700, removed once connected). Its stdout and stderr go to
/// the log line by line; the last lines are kept to say why a start failed.
/// </summary>
internal sealed class WorkerProcess : IDisposable
{
    private const int TailLines = 20;

    private readonly Process _process;
    private readonly Queue<string> _tail = new();
    private readonly ILogger _log;
    private readonly string _name;

    private WorkerProcess(Process process, ILogger log, string name)
    {
        _process = process;
        _log = log;
        _name = name;
    }

    /// <summary>The connection to the worker (null until it has connected).</summary>
    public Socket Socket { get; private set; } = null!;

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Starts the worker and waits until it has connected (not yet until its analyzer is loaded).</summary>
    public static WorkerProcess Start(PythonWorkerOptions options, ILogger log, string name, Action<WorkerProcess> spawned)
    {
        var folder = Directory.CreateTempSubdirectory("valkka-py-");
        try
        {
            var socketPath = Path.Combine(folder.FullName, "s");
            using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            listener.Bind(new UnixDomainSocketEndPoint(socketPath));
            listener.Listen(1);
            var info = new ProcessStartInfo(options.Analyzer.Interpreter)
            {
                UseShellExecute = false,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = options.Analyzer.Folder,
            };
            foreach (var arg in new[] { "-u", "-m", "valkka.worker", "--socket", socketPath }) info.ArgumentList.Add(arg);
            info.Environment["PYTHONPATH"] = options.Analyzer.Folder + Path.PathSeparator + options.PackageFolder;
            info.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
            var process = Process.Start(info) ?? throw new PythonWorkerException($"{options.Analyzer.Interpreter} did not start");
            var worker = new WorkerProcess(process, log, name);
            process.OutputDataReceived += (_, e) => worker.Output(e.Data, LogLevel.Information);
            process.ErrorDataReceived += (_, e) => worker.Output(e.Data, LogLevel.Warning);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            process.StandardInput.Close(); // the worker reads nothing from stdin (the node's own stdin is its launcher's)
            spawned(worker);
            try
            {
                worker.Socket = Accept(listener, process, options.StartTimeout, worker);
                return worker;
            }
            catch
            {
                worker.Kill();
                throw;
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static Socket Accept(Socket listener, Process process, TimeSpan timeout, WorkerProcess worker)
    {
        var accept = listener.AcceptAsync();
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (!accept.Wait(50))
        {
            if (process.HasExited)
            {
                process.WaitForExit(); // the output read to its end
                throw new PythonWorkerException($"the worker exited with code {process.ExitCode} before connecting: {worker.Tail()}");
            }
            if (Stopwatch.GetTimestamp() > deadline)
                throw new PythonWorkerException($"the worker did not connect within {timeout.TotalSeconds:0.#} s: {worker.Tail()}");
        }
        return accept.Result;
    }

    /// <summary>The last lines the worker wrote (for a start that failed).</summary>
    public string Tail()
    {
        lock (_tail) return _tail.Count == 0 ? "(no output)" : string.Join("\n", _tail);
    }

    private void Output(string? line, LogLevel level)
    {
        if (line is null) return;
        lock (_tail)
        {
            _tail.Enqueue(line);
            if (_tail.Count > TailLines) _tail.Dequeue();
        }
        _log.Log(level, "{Worker}: {Line}", _name, line);
    }

    /// <summary>Sends SIGKILL without waiting (from another thread: a start in progress then fails at once).</summary>
    public void Abort()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException) { }
        catch (System.ComponentModel.Win32Exception) { }
    }

    /// <summary>Ends the worker at once (SIGKILL) and waits for it; nothing of it is left.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        catch (InvalidOperationException) { }
        catch (System.ComponentModel.Win32Exception) { }
        Socket?.Dispose();
        _process.Dispose();
    }

    /// <summary>Closes the socket (the worker sees the end and exits), gives it a moment, then kills what is left.</summary>
    public void Dispose()
    {
        Socket?.Dispose();
        try
        {
            if (!_process.HasExited && !_process.WaitForExit(1000)) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        catch (InvalidOperationException) { }
        catch (System.ComponentModel.Win32Exception) { }
        _process.Dispose();
    }
}
