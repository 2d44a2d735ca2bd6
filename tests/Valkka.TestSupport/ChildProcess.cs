using System.Diagnostics;

namespace Valkka.TestSupport;

/// <summary>
/// A real program started by a test: its stdout and stderr are read line by line as they come (so
/// neither pipe fills up), a test can wait for a line, and every failure names the program, its pid
/// and its last lines. Dispose kills it and every process it started, by pid, if it still runs.
/// </summary>
public sealed class ChildProcess : IDisposable
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);
    private const int TailLines = 60;
    private readonly Process _process;
    private readonly CapturedOutput _output = new();

    private ChildProcess(Process process, string name)
    {
        _process = process;
        Name = name;
        Pid = process.Id;
        process.OutputDataReceived += (_, e) => _output.Add(e.Data, fromStderr: false);
        process.ErrorDataReceived += (_, e) => _output.Add(e.Data, fromStderr: true);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Name { get; }
    public int Pid { get; }
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;

    /// <summary>Every line so far, stdout and stderr in the order they came.</summary>
    public IReadOnlyList<string> Lines => _output.Lines;
    public string Output => string.Join('\n', Lines);
    public string Errors => _output.Errors;
    public string Tail(int lines = TailLines) => _output.Tail(lines);

    public static ChildProcess Start(string file, IEnumerable<string> arguments, ChildProcessOptions? options = null) =>
        Launch(file, arguments, options ?? new ChildProcessOptions(), Path.GetFileName(file));

    /// <summary>A .NET program (its dll) run by the dotnet host that runs these tests.</summary>
    public static ChildProcess StartDotnet(string dll, IEnumerable<string> arguments, ChildProcessOptions? options = null) =>
        Launch(DotnetHost.Find(), ["exec", dll, .. arguments], options ?? new ChildProcessOptions(), Path.GetFileName(dll));

    private static ChildProcess Launch(string file, IEnumerable<string> arguments, ChildProcessOptions options, string name)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardInput = options.Input,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        foreach (var (variable, value) in options.Environment ?? new Dictionary<string, string>()) info.Environment[variable] = value;
        if (options.WorkingDirectory is not null) info.WorkingDirectory = options.WorkingDirectory;
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
        return new ChildProcess(process, name);
    }

    /// <summary>Runs a program to its end (the timeout only stops a hang) and returns what it printed.</summary>
    public static ChildProcessResult Run(string file, IEnumerable<string> arguments, TimeSpan timeout, ChildProcessOptions? options = null)
    {
        var argumentList = arguments.ToList();
        using var child = Start(file, argumentList, options);
        var code = child.WaitForExit(timeout);
        return new ChildProcessResult(string.Join(' ', [file, .. argumentList]), code, child._output.StandardOutput, child.Errors);
    }

    /// <summary>Waits for the first line (of either stream, from the start) that starts with prefix, and returns it.</summary>
    public string WaitForLine(string prefix, TimeSpan timeout) =>
        WaitForLine(line => line.StartsWith(prefix, StringComparison.Ordinal), timeout, $"a line starting with '{prefix}'");

    /// <summary>Waits for the first line that matches; fails at once if the program's output ends without one.</summary>
    public string WaitForLine(Func<string, bool> match, TimeSpan timeout, string what)
    {
        var line = _output.WaitFor(match, timeout, out var ended);
        if (line is not null) return line;
        throw ended
            ? new InvalidOperationException($"{this} ended its output without {what}; last output:\n{Tail()}")
            : new TimeoutException($"timed out after {timeout.TotalSeconds:0}s waiting for {what} from {this}; last output:\n{Tail()}");
    }

    /// <summary>The next stdout line, which must start with prefix, split at spaces.</summary>
    public string[] Expect(string prefix, TimeSpan? timeout = null)
    {
        var line = _output.Next(timeout ?? DefaultTimeout);
        if (line is null || !line.StartsWith(prefix, StringComparison.Ordinal))
            throw new InvalidOperationException(
                $"expected a line starting with '{prefix}' from {this}, got '{line ?? "(nothing)"}'; stderr:\n{Errors}");
        return line.Split(' ');
    }

    /// <summary>Writes a line to its stdin (started with <see cref="ChildProcessOptions.Input"/>).</summary>
    public void Send(string line)
    {
        _process.StandardInput.WriteLine(line);
        _process.StandardInput.Flush();
    }

    /// <summary>Waits for it to exit and for its output to be read to the end; returns the exit code.</summary>
    public int WaitForExit(TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        if (!_process.WaitForExit(limit))
            throw new TimeoutException($"{this} did not exit within {limit.TotalSeconds:0}s; last output:\n{Tail()}");
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{this} did not exit within {timeout.TotalSeconds:0}s; last output:\n{Tail()}");
        }
        return WaitForExit();
    }

    /// <summary>SIGKILL to this process alone (a crash), then waits until it is reaped.</summary>
    public void Kill()
    {
        _process.Kill();
        WaitForExit();
    }

    /// <summary>SIGTERM: asks it to shut down.</summary>
    public void Terminate()
    {
        if (_process.HasExited) return;
        Run("kill", ["-TERM", Pid.ToString()], DefaultTimeout);
    }

    public override string ToString() => $"{Name} (pid {Pid})";

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
    }
}
