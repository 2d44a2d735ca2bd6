namespace Valkka.Nodes.Placement;

/// <summary>
/// The placed parts of one kind (cameras, clients placed with their camera, or masters) that a node runs, by id, with
/// the definitions they were started from; one reconciliation pass stops those that should not run here as they are
/// and starts those that should, and says what it changed by the parts' placement keys (a kind without key is not
/// reported: a camera's clients follow their camera). Not thread-safe: used by <see cref="PlacedReconciler"/> alone.
/// </summary>
internal sealed class PlacedPartSet<T>(string kind, Func<T, T, IReadOnlyList<string>> differences, Func<string, string>? key = null)
    where T : class
{
    /// <summary>What one pass changed, by placement key: a restart whose start failed counts as stopped.</summary>
    public sealed record Changes(IReadOnlyList<string> Started, IReadOnlyList<string> Stopped, IReadOnlyList<string> Restarted);

    private readonly Dictionary<string, T> _running = new(StringComparer.Ordinal);
    private readonly List<string> _started = [], _stopped = [], _restarted = [];

    public int Count => _running.Count;

    public bool Runs(string id) => _running.ContainsKey(id);

    /// <summary>
    /// Begins a pass: forgets the parts the node does not run any more (a live change stopped one that stopped being
    /// placed), and stops those not wanted here or whose definition changed (beyond where they run).
    /// </summary>
    public async Task StopAsync(IReadOnlyDictionary<string, T> wanted, IEnumerable<string> hosted, Func<string, Task> stop, List<string> failures)
    {
        _started.Clear();
        _stopped.Clear();
        _restarted.Clear();
        var stillHosted = hosted.ToHashSet(StringComparer.Ordinal);
        foreach (var (id, running) in _running.ToList())
        {
            if (!stillHosted.Contains(id))
            {
                _running.Remove(id);
                _stopped.Add(id);
            }
            else if (!wanted.TryGetValue(id, out var next) || Differs(differences(running, next)))
                await Act(id, async () =>
                {
                    await stop(id).ConfigureAwait(false);
                    _running.Remove(id);
                    (wanted.ContainsKey(id) ? _restarted : _stopped).Add(id);
                }, failures).ConfigureAwait(false);
        }
    }

    /// <summary>Starts every wanted part that does not run here.</summary>
    public async Task StartAsync(IReadOnlyDictionary<string, T> wanted, Action<string, T> start, List<string> failures)
    {
        foreach (var (id, part) in wanted.Where(p => !_running.ContainsKey(p.Key)))
            await Act(id, () =>
            {
                start(id, part);
                _running[id] = part;
                if (!_restarted.Contains(id)) _started.Add(id);
                return Task.CompletedTask;
            }, failures).ConfigureAwait(false);
    }

    /// <summary>What the pass changed (empty for a kind without key).</summary>
    public Changes Changed()
    {
        if (key is null) return new Changes([], [], []);
        return new Changes(_started.Select(key).ToList(), _stopped.Concat(_restarted).Where(id => !Runs(id)).Select(key).ToList(),
            _restarted.Where(Runs).Select(key).ToList());
    }

    // The node and the placement say where a part runs, not how: they alone restart nothing.
    private static bool Differs(IReadOnlyList<string> keys) => keys.Any(k => k is not "node" and not "placement");

    private async Task Act(string id, Func<Task> act, List<string> failures)
    {
        try { await act().ConfigureAwait(false); }
        catch (Exception e) when (e is not OutOfMemoryException) { failures.Add($"{kind} {id}: {e.Message}"); }
    }
}
