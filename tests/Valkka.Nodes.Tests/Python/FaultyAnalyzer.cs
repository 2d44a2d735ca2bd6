using System.Diagnostics;
using System.Globalization;
using Valkka.Nodes.Tests.EndToEnd;
using Valkka.Nodes.Tests.Support;
using Valkka.Shm;
using Xunit.Abstractions;

namespace Valkka.Nodes.Tests.Python;

/// <summary>
/// faulty.py's analyzer in a `valkka run`: a client's (Faulty, a "FAULTY pid sequence mode" line a frame) or a master's
/// (FaultyBatch, a "FAULTYBATCH pid frames mode" line a batch). Its control file tells it to go on ("ok"), hang once or
/// raise; the Python fault tests drive those faults in turn and read which worker did what from its lines.
/// </summary>
public sealed class FaultyAnalyzer : IDisposable
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(90);
    private readonly TempDirectory _folder = new();
    private readonly string _role;
    private readonly string _label;
    private readonly string _raised;
    private readonly ITestOutputHelper _log;

    private FaultyAnalyzer(string role, string label, string raised, string mode, ITestOutputHelper log)
    {
        (_role, _label, _raised, _log) = (role, label, raised, log);
        Tell(mode);
    }

    /// <summary>A client's Faulty, told mode at first.</summary>
    public static FaultyAnalyzer Client(ITestOutputHelper log, string mode = "ok") =>
        new("client", "FAULTY", "ValueError: asked to raise on frame", mode, log);

    /// <summary>A master's FaultyBatch, told "ok" at first.</summary>
    public static FaultyAnalyzer Master(ITestOutputHelper log) =>
        new("master", "FAULTYBATCH", "ValueError: asked to raise on a batch", "ok", log);

    /// <summary>The control file, for the analyzer's settings { control = ... }.</summary>
    public string Control => _folder.File("control");

    public void Tell(string mode) => File.WriteAllText(Control, mode);

    /// <summary>The pids of the analyzer's lines in mode (from line <paramref name="from"/> on).</summary>
    public IEnumerable<int> Pids(ChildProcess run, string mode, int from = 0) =>
        run.Lines.Skip(from).Select(l => l.IndexOf(_label + " ", StringComparison.Ordinal) is var at and >= 0 ? l[(at + _label.Length + 1)..].Split(' ') : null)
            .Where(p => p is { Length: >= 3 } && p[2] == mode).Select(p => int.Parse(p![0], CultureInfo.InvariantCulture));

    /// <summary>
    /// Once the analyzer serves: its first worker killed with SIGKILL, the second hung inside the analyzer past
    /// analyze-timeout (500 ms), the third raising. After the kill and the hang a new worker serves (how soon goes to the
    /// output, a timing) and the old one is gone; after the raise the same worker goes on. served(kind, from): results of
    /// kind ("ok", "failed") reached who asked, since line from (null: the analyzer's own lines suffice). Returns the
    /// three workers' pids.
    /// </summary>
    public async Task<int[]> KillHangAndRaiseAsync(ChildProcess run, Func<string, int, bool>? served = null)
    {
        served ??= (kind, from) => Pids(run, kind == "ok" ? "ok" : "raise", from).Any();
        await Wait.UntilAsync(() => served("ok", 0) || run.HasExited, StartDeadline, $"the {_role} analyzer serving");
        Assert.False(run.HasExited, run.Tail());
        var first = Pids(run, "ok").First();

        // SIGKILL: the broken connection is noticed at once and a new worker takes over.
        Assert.True(ProcessSignals.Kill(first));
        var second = await NewWorkerAsync(run, [first], "killed with SIGKILL", served);

        // A hang: faulty.py sleeps inside the analyzer; the worker is killed at analyze-timeout.
        Tell("hang");
        await Wait.UntilAsync(() => Pids(run, "hang").Any(), TimeSpan.FromSeconds(10), $"the {_role} worker hanging");
        var third = await NewWorkerAsync(run, [first, second], "hung", served);
        Assert.Contains(run.Lines, l => l.Contains($"the worker (pid {second}) did not answer within analyze-timeout 0.5 s"));

        // A raise: a failed result with Python's message; the same worker goes on.
        Tell("raise");
        await Wait.UntilAsync(() => served("failed", 0) && run.Lines.Any(l => l.Contains(_raised)), TimeSpan.FromSeconds(10),
            $"a failed result and Python's message in the {_role}'s log");
        Tell("ok");
        var raisedAt = run.Lines.Count;
        await Wait.UntilAsync(() => served("ok", raisedAt), TimeSpan.FromSeconds(10), "results after the raise");
        Assert.All(Pids(run, "ok", raisedAt), pid => Assert.Equal(third, pid));
        return [first, second, third];
    }

    /// <summary>
    /// The run ended cleanly and the faults stayed inside the workers: the camera cam1 never had to clear or expire a
    /// lease, no node restarted. Returns the run's summary.
    /// </summary>
    public static async Task<RunSummaryFile> EndedContainedAsync(ChildProcess run, TestTopology topology)
    {
        var code = await run.WaitForExitAsync(RunChecks.RunDeadline);
        Assert.True(code == 0, $"valkka run exited with {code}:\n{RunChecks.Describe(topology, run.Output)}");
        var summary = RunSummaryFile.Read(topology.SummaryPath);
        var cam1 = summary.Camera("cam1");
        Assert.True(RunSummaryFile.Long(cam1, "leasesCleared") == 0 && RunSummaryFile.Long(cam1, "leasesExpired") == 0,
            $"the camera had to take leases back: {cam1}");
        Assert.All(summary.Restarts, r => Assert.Equal(0, r.Value!.GetValue<int>()));
        return summary;
    }

    private async Task<int> NewWorkerAsync(ChildProcess run, int[] old, string fault, Func<string, int, bool> served)
    {
        var since = Stopwatch.StartNew();
        var from = run.Lines.Count;
        int next = 0;
        await Wait.UntilAsync(() =>
        {
            next = Pids(run, "ok", from).FirstOrDefault(pid => !old.Contains(pid));
            return next != 0 && served("ok", from);
        }, TimeSpan.FromSeconds(20), $"a new {_role} worker serving after the old one {fault}");
        _log.WriteLine($"{_role} worker {fault}: a new worker (pid {next}) served {since.Elapsed.TotalSeconds:0.00} s later");
        Assert.Empty(PythonWorkers.Alive(old));
        return next;
    }

    public void Dispose() => _folder.Dispose();
}
