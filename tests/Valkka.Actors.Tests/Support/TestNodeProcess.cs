using System.Diagnostics;

namespace Valkka.Actors.Tests.Support;

/// <summary>The test-node exe as a real second process; killed by its pid on Dispose.</summary>
public sealed class TestNodeProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = new();
    private readonly TaskCompletionSource<int> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private TestNodeProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (_output) _output.Add(e.Data);
            if (e.Data.StartsWith("READY ", StringComparison.Ordinal)) _ready.TrySetResult(int.Parse(e.Data[6..]));
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.Add("err: " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Pid => _process.Id;
    public bool HasExited => _process.HasExited;

    public string Output
    {
        get { lock (_output) return string.Join("\n", _output); }
    }

    public bool OutputContains(string text)
    {
        lock (_output) return _output.Any(l => l.Contains(text, StringComparison.Ordinal));
    }

    public static TestNodeProcess Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(NodeDll());
        foreach (var a in args) info.ArgumentList.Add(a);
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the test node");
        return new TestNodeProcess(process);
    }

    /// <summary>Waits for "READY port"; throws with the node's output if it does not come.</summary>
    public int WaitReady(TimeSpan timeout)
    {
        if (!_ready.Task.Wait(timeout))
            throw new TimeoutException($"test node {Pid} not ready after {timeout}; output:\n{Output}");
        return _ready.Task.Result;
    }

    public void Kill9() => Signal(9);

    public void Terminate() => Signal(15);

    public bool WaitExit(TimeSpan timeout) => _process.WaitForExit(timeout);

    private void Signal(int signal)
    {
        if (_process.HasExited) return;
        using var kill = Process.Start("kill", $"-{signal} {_process.Id}");
        kill.WaitForExit();
    }

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

    private static string NodeDll()
    {
        // tests/Valkka.Actors.Tests/bin/<Configuration>/net10.0 -> tests/Valkka.Actors.TestNode/bin/<Configuration>/net10.0
        var here = AppContext.BaseDirectory.TrimEnd('/');
        var framework = Path.GetFileName(here);
        var configuration = Path.GetFileName(Path.GetDirectoryName(here)!);
        var testsDir = Path.GetFullPath(Path.Combine(here, "..", "..", "..", ".."));
        var dll = Path.Combine(testsDir, "Valkka.Actors.TestNode", "bin", configuration, framework, "Valkka.Actors.TestNode.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException($"test node not built: {dll}");
        return dll;
    }
}
