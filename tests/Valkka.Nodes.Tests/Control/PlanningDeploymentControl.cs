using System.Text.Json.Nodes;
using Valkka.Actors.Topology;
using Valkka.Actors.Topology.Changes;
using Valkka.Nodes.Control;

namespace Valkka.Nodes.Tests.Control;

/// <summary>
/// A deployment that runs nothing: it validates a new desired state with TopologyLoader.LoadText and plans
/// it with TopologyDiff.Plan as the launcher does, and "applies" a valid plan by making it current.
/// Applies counts the applies that changed the state.
/// </summary>
public sealed class PlanningDeploymentControl : IDeploymentControl
{
    private static readonly ValidationScope Scope = new() { CheckPorts = false, CheckShmSpace = false };
    private readonly Lock _applying = new();

    public PlanningDeploymentControl(string text, string sourcePath)
    {
        var parsed = TopologyLoader.LoadText(text, "control", sourcePath, Scope);
        Current = new DesiredState(text, sourcePath, 1, parsed.Topology ?? throw new ArgumentException(string.Join("; ", parsed.Errors)));
    }

    public DesiredState Current { get; private set; }

    public int Applies { get; private set; }

    public Task<ApplyOutcome> ApplyAsync(string hocon, string? sourcePath, bool dryRun, CancellationToken cancel)
    {
        lock (_applying)
        {
            var parsed = TopologyLoader.LoadText(hocon, "control", Current.SourcePath, Scope);
            if (parsed.Topology is not { } desired) return Task.FromResult(new ApplyOutcome(parsed.Errors, null, false, []));
            var plan = TopologyDiff.Plan(Current.Topology, desired);
            if (plan.Refused.Count > 0 || dryRun) return Task.FromResult(new ApplyOutcome([], plan, false, []));
            if (!plan.IsEmpty)
            {
                Current = new DesiredState(hocon, Current.SourcePath, Current.Version + 1, desired);
                Applies++;
            }
            return Task.FromResult(new ApplyOutcome([], plan, true, []));
        }
    }

    public JsonObject Status() => new() { ["version"] = Current.Version, ["cameras"] = Current.Topology.Cameras.Count };
}
