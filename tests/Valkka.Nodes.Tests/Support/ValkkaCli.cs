using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;

namespace Valkka.Nodes.Tests.Support;

/// <summary>
/// The valkka program run as a real child process (`dotnet valkka.dll ...` from the test's output
/// folder). Collects its output; Dispose kills it (and only it, by pid) if it still runs.
/// </summary>
public sealed class ValkkaCli : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private ValkkaCli(IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "valkka.dll"));
        foreach (var a in arguments) info.ArgumentList.Add(a);
        info.Environment["DOTNET_NOLOGO"] = "1";
        _process = new Process { StartInfo = info };
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) _lines.Enqueue(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _lines.Enqueue(e.Data); };
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static ValkkaCli Start(params string[] arguments) => new(arguments);

    /// <summary>Runs to the end (deadline only against hangs) and returns the exit code.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(TimeSpan deadline, params string[] arguments)
    {
        using var cli = Start(arguments);
        var code = await cli.WaitAsync(deadline);
        return (code, cli.Output);
    }

    public int Pid => _process.Id;
    public string Output => string.Join('\n', _lines);
    public IEnumerable<string> Lines => _lines;
    public bool HasExited => _process.HasExited;

    public async Task<int> WaitAsync(TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"valkka did not finish within {deadline.TotalSeconds:0}s; output:\n{Tail()}");
        }
        _process.WaitForExit(); // drains the output readers
        return _process.ExitCode;
    }

    public string Tail(int lines = 60) => string.Join('\n', _lines.TakeLast(lines));

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
        catch (InvalidOperationException) { }
        _process.Dispose();
    }
}
