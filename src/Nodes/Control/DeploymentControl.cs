using System.Text.Json.Nodes;
using Valkka.Actors.Topology;
using Valkka.Actors.Topology.Changes;

namespace Valkka.Nodes.Control;

/// <summary>
/// The launcher's <see cref="IDeploymentControl"/>: validates a new desired state as `valkka validate` does
/// (plus the run's port overrides; ports of running nodes are in use and /dev/shm holds their rings, so
/// those two are not checked), plans the difference and has it carried out; one change at a time.
/// </summary>
/// <param name="localNodes">The nodes of a topology whose analyzers and certificates this machine checks (null: all).</param>
internal sealed class DeploymentControl(DesiredState initial, Func<TopologyDefinition, IReadOnlyCollection<string>?> localNodes,
    Func<TopologyDefinition, TopologyDefinition> adjust, IChangeCarrier carrier, Func<JsonObject> status) : IDeploymentControl
{
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private volatile DesiredState _current = initial;

    public DesiredState Current => _current;

    /// <summary>Raised after a change was carried out (the new desired state is Current).</summary>
    public event Action<ApplyOutcome>? Applied;

    public async Task<ApplyOutcome> ApplyAsync(string hocon, string? sourcePath, bool dryRun, CancellationToken cancel)
    {
        await _oneAtATime.WaitAsync(cancel).ConfigureAwait(false);
        try
        {
            var running = _current;
            var source = Path.GetFullPath(sourcePath ?? running.SourcePath);
            var parsed = TopologyLoader.LoadText(hocon, running.Topology.Name, source, ValidationScope.FileOnly, adjust);
            var scope = new ValidationScope
            {
                Nodes = parsed.Topology is { } t ? localNodes(t) : null, CheckPorts = false, CheckShmSpace = false,
            };
            var loaded = parsed.Topology is null ? parsed : TopologyLoader.LoadText(hocon, running.Topology.Name, source, scope, adjust);
            if (loaded.Topology is null) return new ApplyOutcome(loaded.Errors, null, false, []);
            var plan = TopologyDiff.Plan(running.Topology, loaded.Topology);
            if (dryRun || plan.IsEmpty || plan.Refused.Count > 0) return new ApplyOutcome([], plan, false, []);
            var next = new DesiredState(hocon, source, running.Version + 1, loaded.Topology);
            var failures = await carrier.CarryOutAsync(plan, next, () => _current = next, cancel).ConfigureAwait(false);
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
