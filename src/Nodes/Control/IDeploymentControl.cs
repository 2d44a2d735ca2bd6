using System.Text.Json.Nodes;

namespace Valkka.Nodes.Control;

/// <summary>
/// What a running deployment lets a program do: read its desired state, replace it (only the
/// difference is carried out), and read its status. `valkka apply`, SIGHUP, the HTTP API and an
/// embedding program all go through this.
/// </summary>
public interface IDeploymentControl
{
    /// <summary>The desired state now running (after every apply).</summary>
    DesiredState Current { get; }

    /// <summary>
    /// Validates hocon as a whole topology, exactly as `valkka validate` does, and plans the difference to
    /// what runs; unless dryRun, carries the plan out. One apply at a time; an invalid or refused state
    /// changes nothing. sourcePath: the file whose folder relative paths (analyzer.path, tls) are resolved
    /// against (null: the current desired state's).
    /// </summary>
    Task<ApplyOutcome> ApplyAsync(string hocon, string? sourcePath, bool dryRun, CancellationToken cancel);

    /// <summary>The run's counters and states now, in the summary JSON's shape.</summary>
    JsonObject Status();
}
