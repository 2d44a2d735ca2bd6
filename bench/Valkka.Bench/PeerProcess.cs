using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace Valkka.Bench;

/// <summary>
/// One running benchmark peer. It talks by lines on stdout: <c>READY ...</c> once it is set up and
/// <c>RESULT {json}</c> when it has measured; anything on stderr is kept for error messages.
/// Disposing kills it (by its pid) if it is still running.
/// </summary>
public sealed class PeerProcess : IDisposable
{
    private readonly Process _process;
    private readonly BlockingCollection<string> _lines = new();
    private readonly StringBuilder _stderr = new();
    private readonly string _role;

    private PeerProcess(string role, Process process)
    {
        _role = role;
        _process = process;
        _process.OutputDataReceived += (_, e) => { if (e.Data is null) _lines.CompleteAdding(); else _lines.Add(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_stderr) _stderr.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Pid => _process.Id;

    public static PeerProcess Start(string role, params (string Key, object Value)[] args)
    {
        var psi = PeerLauncher.StartInfo(role, args.Select(a => new KeyValuePair<string, string>(a.Key,
            Convert.ToString(a.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "")));
        var process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start bench peer '{role}'");
        return new PeerProcess(role, process);
    }

    /// <summary>Starts another program that speaks the same lines (READY, RESULT) as a peer, e.g. a Python reader.</summary>
    public static PeerProcess StartProgram(string role, string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var psi = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false,
        };
        foreach (var a in arguments) psi.ArgumentList.Add(a);
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) psi.Environment[k] = v;
        var process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {program}");
        return new PeerProcess(role, process);
    }

    /// <summary>Waits for the line starting with <paramref name="tag"/> and returns the rest of it.</summary>
    public string WaitFor(string tag, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
                throw new TimeoutException($"bench peer '{_role}' (pid {Pid}) gave no {tag} line within {timeout.TotalSeconds:0} s{StderrTail()}");
            string? line;
            try
            {
                if (!_lines.TryTake(out line, left)) continue;
            }
            catch (InvalidOperationException) { line = null; }
            if (line is null)
            {
                _process.WaitForExit(2000);
                throw new InvalidOperationException(
                    $"bench peer '{_role}' (pid {Pid}) exited{(_process.HasExited ? $" with code {_process.ExitCode}" : "")} before its {tag} line{StderrTail()}");
            }
            if (line.StartsWith(tag, StringComparison.Ordinal)) return line[tag.Length..].Trim();
        }
    }

    public JsonObject WaitForResult(TimeSpan timeout) =>
        JsonNode.Parse(WaitFor("RESULT", timeout)) as JsonObject
        ?? throw new InvalidOperationException($"bench peer '{_role}' wrote a RESULT that is not a JSON object");

    /// <summary>Writes one line to the peer's stdin (e.g. "go").</summary>
    public void Send(string line)
    {
        _process.StandardInput.WriteLine(line);
        _process.StandardInput.Flush();
    }

    public TimeSpan? Cpu => CpuClock.OfProcess(Pid);

    public bool WaitForExit(TimeSpan timeout) => _process.WaitForExit(timeout);

    /// <summary>Waits for a peer that cleans up after its RESULT (rings it owns) to exit by itself.</summary>
    public void WaitForExitOrThrow(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
            throw new TimeoutException($"bench peer '{_role}' (pid {Pid}) did not exit within {timeout.TotalSeconds:0} s after its result{StderrTail()}");
    }

    private string StderrTail()
    {
        lock (_stderr)
        {
            if (_stderr.Length == 0) return "";
            var text = _stderr.ToString();
            return ": " + (text.Length > 2000 ? text[^2000..] : text).Trim();
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException) { }
        _process.Dispose();
        _lines.Dispose();
    }
}
