using Valkka.Actors.Topology;
using Valkka.Nodes.Control;

namespace Valkka.Nodes.Embedding;

/// <summary>Changing a deployment to a topology built in code.</summary>
public static class DeploymentControlExtensions
{
    /// <summary>
    /// Applies desired as the deployment's new desired state: validated as a file is (an invalid one changes
    /// nothing; see <see cref="ApplyOutcome.Errors"/>), then only the difference is carried out. Relative
    /// analyzer folders resolve as the running state's do.
    /// </summary>
    public static Task<ApplyOutcome> ApplyAsync(this IDeploymentControl control, TopologyBuilder desired, bool dryRun = false,
        CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(control);
        ArgumentNullException.ThrowIfNull(desired);
        string hocon;
        try
        {
            hocon = desired.ToHocon();
        }
        catch (TopologyException e)
        {
            return Task.FromResult(new ApplyOutcome(e.Errors, null, false, []));
        }
        return control.ApplyAsync(hocon, sourcePath: null, dryRun, cancel);
    }
}
