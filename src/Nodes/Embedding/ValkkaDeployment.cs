using System.Diagnostics;
using System.Text.Json.Nodes;
using Valkka.Actors.Topology;
using Valkka.Actors.Topology.Changes;
using Valkka.Nodes.Control;
using Valkka.Nodes.Node;
using Valkka.Nodes.Stats;

namespace Valkka.Nodes.Embedding;

/// <summary>
/// A topology running in this program: every node's cameras, clients and masters in one ActorSystem without
/// remoting (as `valkka run --in-process`), and the <see cref="IDeploymentControl"/> that changes it while it
/// runs (validated first; only the difference is carried out). Dispose stops it: cameras stop decoding and
/// unlink their rings.
/// </summary>
public sealed class ValkkaDeployment : IAsyncDisposable
{
    private const string Mode = "embedded";
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(30);

    private readonly AkkaNodeRuntime _runtime;
    private readonly DeploymentControl _control;
    private readonly StatsBoard _board = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly CancellationTokenSource _stopReporting = new();
    private readonly Task _reporting;
    private int _stopped;

    private ValkkaDeployment(AkkaNodeRuntime runtime, DesiredState initial, TimeSpan reportInterval)
    {
        _runtime = runtime;
        _control = new DeploymentControl(initial, _ => null, t => t, new InProcessChanges(runtime), Status);
        _control.Applied += ForgetRemoved;
        _reporting = ReportAsync(reportInterval, _stopReporting.Token);
    }

    /// <summary>The control every change goes through (also what a host registers for its own code).</summary>
    public IDeploymentControl Control => _control;

    /// <summary>The topology running now: the one it started with, then the latest one applied.</summary>
    public TopologyDefinition Topology => _control.Current.Topology;

    /// <summary>Completes when the deployment has stopped, whatever the reason.</summary>
    public Task WhenTerminated => _runtime.WhenTerminated;

    /// <summary>True once it stopped because it was asked to (StopAsync, Dispose), not because of a failure.</summary>
    public bool StopRequested => Volatile.Read(ref _stopped) == 1 || _runtime.ShutdownRequested;

    /// <summary>Validates topology as a file is (this machine's analyzers and room in /dev/shm too) and starts it; a <see cref="TopologyException"/> otherwise.</summary>
    public static ValkkaDeployment Start(TopologyBuilder topology, ValkkaDeploymentOptions options)
    {
        ArgumentNullException.ThrowIfNull(topology);
        return Start(topology.ToHocon(), Path.Combine(options.BaseDirectory, topology.Name + ".conf"), options);
    }

    /// <summary>Starts the topology of a file's text; sourcePath: the file its relative paths and default name come from.</summary>
    public static ValkkaDeployment Start(string hocon, string sourcePath, ValkkaDeploymentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var source = Path.GetFullPath(sourcePath);
        // One process, no remoting: node ports are never bound, so they are not checked.
        var scope = ValidationScope.All with { CheckPorts = false };
        var loaded = TopologyLoader.LoadText(hocon, Path.GetFileNameWithoutExtension(source), source, scope);
        var topology = loaded.Topology ?? throw new TopologyException(source, loaded.Errors);
        // A program that was killed left its rings behind: they would be in the way of its cameras' new ones.
        StaleRings.Sweep(topology.Name);
        var runtime = AkkaNodeRuntime.StartInProcess(topology, options.Runtime);
        return new ValkkaDeployment(runtime, new DesiredState(hocon, source, 1, topology), options.ReportInterval);
    }

    /// <summary>Changes the deployment to desired (see <see cref="DeploymentControlExtensions.ApplyAsync"/>).</summary>
    public Task<ApplyOutcome> ApplyAsync(TopologyBuilder desired, bool dryRun = false, CancellationToken cancel = default) =>
        _control.ApplyAsync(desired, dryRun, cancel);

    /// <summary>The counters and states of its cameras, clients and masters, in the shape of `valkka run`'s summary JSON.</summary>
    public JsonObject Status() =>
        RunSummary.Build(Topology.Name, Mode, _clock.Elapsed, _board.Snapshot(Window), Topology.Nodes.Select(n => n.Name));

    /// <summary>Stops every actor (rings unlinked) and waits for it.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            await _runtime.WhenTerminated.ConfigureAwait(false);
            return;
        }
        await _stopReporting.CancelAsync().ConfigureAwait(false);
        await _reporting.ConfigureAwait(false);
        await _runtime.DisposeAsync().ConfigureAwait(false);
        _stopReporting.Dispose();
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private async Task ReportAsync(TimeSpan interval, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false) && !_runtime.WhenTerminated.IsCompleted)
            {
                var reports = await _runtime.CollectAsync(interval * 0.8).ConfigureAwait(false);
                var at = DateTimeOffset.UtcNow;
                foreach (var report in reports) _board.Update(report, 0, at);
                // A report asked for before a change removed a part may come after it: the part stays gone.
                var current = Topology;
                var ids = current.Cameras.Select(c => c.Id).Concat(current.Clients.Select(c => c.Id)).Concat(current.Masters.Select(m => m.Id)).ToHashSet();
                foreach (var gone in reports.SelectMany(r => r.Cameras.Select(c => c.Id).Concat(r.Clients.Select(c => c.Id)).Concat(r.Masters.Select(m => m.Id))).Where(id => !ids.Contains(id)))
                    _board.Forget(gone);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private void ForgetRemoved(ApplyOutcome outcome)
    {
        foreach (var removed in outcome.Plan!.Changes.Where(c => c.Action == ChangeAction.Removed && c.Kind != PartKinds.Node))
            _board.Forget(removed.Id);
    }
}
