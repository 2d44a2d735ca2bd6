namespace Valkka.Chaos.Soak;

/// <summary>
/// The churn of `valkka soak --churn INTERVAL`: one step each interval, in the order of <see cref="Order"/>: a
/// live-view viewer opens a camera's stream and closes it; every client, every master or every camera restarts
/// by a live change (<see cref="ChurnEdits"/>, carried out by the nodes as under `valkka run`). The node
/// processes stay: what comes and goes are the parts in them and the readers of their rings.
/// </summary>
public sealed class SoakChurn(ChaosTopology topology, ChaosNodes nodes, LiveViewer? viewer, Action<string> say) : IDisposable
{
    public static readonly ChurnKind[] Order =
        [ChurnKind.Viewer, ChurnKind.Clients, ChurnKind.Viewer, ChurnKind.Masters, ChurnKind.Viewer, ChurnKind.Cameras];

    private static readonly TimeSpan ApplyTimeout = TimeSpan.FromSeconds(30);
    private readonly ChurnEdits _edits = new(topology.Definition);
    private readonly string _baseText = File.ReadAllText(topology.Path);
    private readonly Dictionary<ChurnKind, int> _done = [];
    private readonly List<string> _problems = [];
    private int _step;
    private int _version;
    private int _camera;

    /// <summary>When (on the clock given to <see cref="RunAsync"/>) the first round of every step ended; null before.</summary>
    public TimeSpan? FirstRoundEnded { get; private set; }

    /// <summary>Steps carried out, by kind.</summary>
    public IReadOnlyDictionary<ChurnKind, int> Done => _done;

    /// <summary>What went wrong: a live change a node failed or did not answer, a viewer that got no picture.</summary>
    public IReadOnlyList<string> Problems => _problems;

    /// <summary>One step each interval until stop.</summary>
    public async Task RunAsync(TimeSpan interval, System.Diagnostics.Stopwatch clock, CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(interval, stop);
                await StepAsync(stop);
                if (_step == Order.Length) FirstRoundEnded = clock.Elapsed;
            }
        }
        catch (OperationCanceledException) { }
    }

    public async Task StepAsync(CancellationToken stop)
    {
        var kind = Order[_step++ % Order.Length];
        if (kind == ChurnKind.Viewer)
        {
            if (viewer is null || topology.Definition.Cameras.Count == 0) return;
            var camera = topology.Definition.Cameras[_camera++ % topology.Definition.Cameras.Count].Id;
            // Right after a camera restart its first picture can take seconds on a loaded machine; a viewer that
            // gets nothing at all is the problem (the churn is about viewers coming and going, not their speed).
            var parts = await viewer.WatchAsync(camera, wanted: 3, TimeSpan.FromSeconds(20), stop);
            Count(kind, parts > 0 ? null : $"viewer of {camera}: no picture in 20 s");
            return;
        }
        if (!_edits.Flip(kind)) return;
        var version = ++_version;
        await File.WriteAllTextAsync(topology.Path, _baseText + "\n" + _edits.Overrides(), stop);
        var failures = await nodes.ApplyAsync(topology.Path, version, ApplyTimeout);
        Count(kind, failures.Count == 0 ? null : $"{kind} restart (version {version}): {string.Join("; ", failures)}");
    }

    private void Count(ChurnKind kind, string? problem)
    {
        _done[kind] = _done.GetValueOrDefault(kind) + 1;
        if (problem is null) return;
        _problems.Add(problem);
        say($"churn: {problem}");
    }

    public void Dispose() => viewer?.Dispose();
}
