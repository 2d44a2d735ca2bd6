using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;

namespace Valkka.Shm.Tests;

/// <summary>
/// A real Valkka.Shm.TestProcess process, talked to over stdin/stdout lines. Dispose kills it
/// (by its pid) if it still runs.
/// </summary>
internal sealed class HelperProcess : IDisposable
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly BlockingCollection<string> _lines = new();
    private readonly StringBuilder _errors = new();

    private HelperProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                _lines.CompleteAdding();
            }
            else
            {
                _lines.Add(e.Data);
            }
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_errors)
                {
                    _errors.AppendLine(e.Data);
                }
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Pid => _process.Id;

    public static HelperProcess Start(params string[] args)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "Valkka.Shm.TestProcess.dll");
        var info = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("exec");
        info.ArgumentList.Add(dll);
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        return new HelperProcess(Process.Start(info) ?? throw new InvalidOperationException("process did not start"));
    }

    /// <summary>The dotnet host running these tests (the test host is started by it), else the one on PATH.</summary>
    private static string DotnetHost()
    {
        string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
        {
            return host;
        }
        string? self = Environment.ProcessPath;
        return self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
    }

    /// <summary>The next output line, which must start with prefix; fails with the process's stderr otherwise.</summary>
    public string[] Expect(string prefix, TimeSpan? timeout = null)
    {
        string? line = null;
        try
        {
            if (!_lines.TryTake(out line, timeout ?? DefaultTimeout))
            {
                line = null;
            }
        }
        catch (InvalidOperationException)
        {
            line = null; // output ended
        }
        if (line is null || !line.StartsWith(prefix, StringComparison.Ordinal))
        {
            throw new Xunit.Sdk.XunitException(
                $"Expected a line starting with '{prefix}' from process {Pid}, got '{line ?? "(nothing)"}'. Errors:\n{Errors}");
        }
        return line.Split(' ');
    }

    public void Send(string line)
    {
        _process.StandardInput.WriteLine(line);
        _process.StandardInput.Flush();
    }

    public string Errors
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToString();
            }
        }
    }

    /// <summary>SIGKILL, then waits until the process is reaped.</summary>
    public void KillHard()
    {
        _process.Kill(); // SIGKILL on Unix
        WaitForExit();
    }

    public int WaitForExit(TimeSpan? timeout = null)
    {
        if (!_process.WaitForExit(timeout ?? DefaultTimeout))
        {
            throw new Xunit.Sdk.XunitException($"Process {Pid} did not exit. Errors:\n{Errors}");
        }
        _process.WaitForExit(); // drains the output
        return _process.ExitCode;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
    }
}
