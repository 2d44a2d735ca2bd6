using System.Text.Json.Nodes;
using Valkka.Actors.Messages;
using Valkka.Actors.Topology;
using Valkka.Actors.Topology.Changes;

namespace Valkka.Nodes.Control;

/// <summary>
/// The launcher's <see cref="IDeploymentControl"/>: validates a new desired state as `valkka validate` does
/// (plus the run's port overrides; ports of running nodes are in use and /dev/shm holds their rings, so
/// those two are not checked), plans the difference and has it carried out; one change at a time. Changes
/// made here are numbered above every version this host has seen and have this host's origin (initial's);
/// states adopted from other hosts keep their number and origin.
/// </summary>
/// <param name="localNodes">The nodes of a topology whose analyzers and certificates this machine checks (null: all).</param>
internal sealed class DeploymentControl(DesiredState initial, Func<TopologyDefinition, IReadOnlyCollection<string>?> localNodes,
    Func<TopologyDefinition, TopologyDefinition> adjust, IChangeCarrier carrier, Func<JsonObject> status) : IDeploymentControl
{
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private volatile DesiredState _current = initial;
    // The highest version heard of, adopted or not: a change made here after an invalid one was heard must
    // still be newer than it on every host.
    private int _highestSeen = initial.Version;

    public DesiredState Current => _current;

    /// <summary>This host's identity, the origin of the changes made here.</summary>
    public string Origin { get; } = initial.Origin;

    /// <summary>Raised after a change was carried out (the new desired state is Current).</summary>
    public event Action<ApplyOutcome>? Applied;

    public async Task<ApplyOutcome> ApplyAsync(string hocon, string? sourcePath, bool dryRun, CancellationToken cancel) =>
        (await ChangeAsync(hocon, sourcePath, dryRun, running => (Math.Max(running.Version, _highestSeen) + 1, Origin), cancel).ConfigureAwait(false))!;

    /// <summary>
    /// Applies a desired state another host applied, with relative paths resolved against sourcePath (this
    /// host's own file) and its version and origin kept. Null when it is not newer than the current one
    /// (<see cref="DesiredStateOrder"/>): nothing is done then. A newer one that changes nothing here still
    /// becomes the current state (versions agree across hosts); an invalid or refused one changes nothing.
    /// </summary>
    public Task<ApplyOutcome?> AdoptAsync(DesiredStateChanged received, string sourcePath, CancellationToken cancel) =>
        ChangeAsync(received.Text, sourcePath, dryRun: false, running =>
        {
            _highestSeen = Math.Max(_highestSeen, received.Version);
            return DesiredStateOrder.Compare(received, DesiredStateOrder.Of(running)) > 0 ? (received.Version, received.Origin) : null;
        }, cancel);

    /// <param name="numbering">The next state's version and origin given the running one (called once, in turn); null: leave it (the result is null).</param>
    private async Task<ApplyOutcome?> ChangeAsync(string hocon, string? sourcePath, bool dryRun,
        Func<DesiredState, (int Version, string Origin)?> numbering, CancellationToken cancel)
    {
        await _oneAtATime.WaitAsync(cancel).ConfigureAwait(false);
        try
        {
            var running = _current;
            if (numbering(running) is not { } number) return null;
            var source = Path.GetFullPath(sourcePath ?? running.SourcePath);
            var parsed = TopologyLoader.LoadText(hocon, running.Topology.Name, source, ValidationScope.FileOnly, adjust);
            var scope = new ValidationScope
            {
                Nodes = parsed.Topology is { } t ? localNodes(t) : null, CheckPorts = false, CheckShmSpace = false,
            };
            var loaded = parsed.Topology is null ? parsed : TopologyLoader.LoadText(hocon, running.Topology.Name, source, scope, adjust);
            if (loaded.Topology is null) return new ApplyOutcome(loaded.Errors, null, false, []);
            var plan = TopologyDiff.Plan(running.Topology, loaded.Topology);
            if (dryRun || plan.Refused.Count > 0) return new ApplyOutcome([], plan, false, []);
            var next = new DesiredState(hocon, source, number.Version, loaded.Topology) { Origin = number.Origin };
            if (plan.IsEmpty)
            {
                // Nothing to carry out; a state from another host is still taken, so that versions agree.
                if (number.Origin != Origin) _current = next;
                return new ApplyOutcome([], plan, false, []);
            }
            var failures = await carrier.CarryOutAsync(plan, next, () => _current = next, cancel).ConfigureAwait(false);
            _highestSeen = Math.Max(_highestSeen, next.Version);
            var outcome = new ApplyOutcome([], plan, true, failures);
            Applied?.Invoke(outcome);
            return outcome;
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    public JsonObject Status() => status();
}
