using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Valkka.Actors.Node;
using Valkka.Actors.Topology;
using Valkka.Actors.Topology.Changes;
using Valkka.Nodes.Control;
using Valkka.Nodes.Node;

namespace Valkka.Nodes.Launcher;

/// <summary>
/// How `valkka run` takes live changes: its <see cref="DeploymentControl"/> over its node processes (or its
/// in-process runtime), the control socket `valkka apply` talks to, and SIGHUP, which applies its file again.
/// </summary>
internal static class LiveChanges
{
    public static DeploymentControl Control(TopologyDefinition topology, RunOptions options, NodeFleet? fleet, INodeRuntime? inProcess,
        ApplyReplies replies, DesiredStateFiles stateFiles, RunConsole console, Func<JsonObject> status)
    {
        DeploymentControl? control = null;
        IChangeCarrier carrier = inProcess is not null
            ? new InProcessChanges(inProcess)
            : new ProcessChanges(fleet!, replies, node => LocalNodes.Of(control!.Current.Topology).Any(n => n.Name == node),
                state => (stateFiles.Write(state), state.Topology.Nodes.ToDictionary(n => n.Name, n => n.Port)), options.StopGrace);
        Func<TopologyDefinition, IReadOnlyCollection<string>?> localNodes = t => options.InProcess ? null : LocalNodes.Of(t).Select(n => n.Name).ToList();
        var ports = new Dictionary<string, int>(options.Ports);
        var initial = new DesiredState(File.ReadAllText(options.File), Path.GetFullPath(options.File), 1, topology) { Origin = HostIdentity.Current };
        control = new DeploymentControl(initial, localNodes, t => t.WithPorts(PortsOf(t, options, ports)), carrier, status);
        control.Applied += outcome => Report(outcome, control.Current, control.Origin, console);
        return control;
    }

    // The run's port overrides; with --free-ports a node a change adds gets a free port, kept while it exists.
    private static Dictionary<string, int> PortsOf(TopologyDefinition t, RunOptions options, Dictionary<string, int> ports)
    {
        var added = t.Nodes.Where(n => !ports.ContainsKey(n.Name)).ToList();
        if (options.FreePorts && added.Count > 0)
            foreach (var (node, port) in added.Zip(FreePorts.Take(added.Count))) ports[node.Name] = port;
        return t.Nodes.Where(n => ports.ContainsKey(n.Name)).ToDictionary(n => n.Name, n => ports[n.Name]);
    }

    public static async Task<ControlSocketServer?> ListenAsync(IDeploymentControl control, string topologyName, RunConsole console)
    {
        var path = ControlSocketPath.For(topologyName, HostIdentity.Current);
        var (server, problem) = await ControlSocketServer.StartAsync(path, control);
        console.Say(problem ?? $"live changes: valkka apply FILE (control socket {path}; kill -HUP {Environment.ProcessId} applies {topologyName}'s file again)");
        return server;
    }

    /// <summary>SIGHUP applies the run's own file again, as nginx and Prometheus re-read theirs.</summary>
    public static IDisposable ReloadOnHangUp(IDeploymentControl control, string file, RunConsole console)
    {
        Valkka.Shm.ProcessSignals.UnignoreHangup();
        return PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
        {
            context.Cancel = true;
            _ = Task.Run(async () =>
            {
                console.Say($"SIGHUP: applying {file}");
                string text;
                try { text = await File.ReadAllTextAsync(file); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    console.Say($"SIGHUP: cannot read {file}: {e.Message}; nothing changed");
                    return;
                }
                var outcome = await control.ApplyAsync(text, file, dryRun: false, CancellationToken.None);
                foreach (var error in outcome.Errors) console.Say($"SIGHUP: {file}: {error}");
                foreach (var refusal in outcome.Plan?.Refused ?? []) console.Say($"SIGHUP: {file}: {refusal}");
                if (!outcome.Valid) console.Say("SIGHUP: nothing changed");
                else if (outcome.Plan!.IsEmpty) console.Say($"SIGHUP: {file} changes nothing");
            });
        });
    }

    private static void Report(ApplyOutcome outcome, DesiredState now, string here, RunConsole console)
    {
        var origin = now.Origin == here ? "" : $" (changed on host {now.Origin})";
        console.Say($"applied version {now.Version}{origin} from {now.SourcePath}: {string.Join("; ", outcome.Plan!.Changes)}");
        foreach (var failure in outcome.Failures) console.Say($"apply: {failure}");
        foreach (var removed in outcome.Plan.Changes.Where(c => c.Action == ChangeAction.Removed && c.Kind != PartKinds.Node))
            console.Board.Forget(removed.Id);
    }
}
