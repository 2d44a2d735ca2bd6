using System.Text.Json.Nodes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Valkka.Actors.Topology;
using Valkka.Nodes.Control;

namespace Valkka.Nodes.Embedding;

/// <summary>
/// A <see cref="ValkkaDeployment"/> started and stopped with its .NET host (<see cref="ValkkaServiceCollectionExtensions.AddValkka(Microsoft.Extensions.DependencyInjection.IServiceCollection, TopologyBuilder, Func{IServiceProvider, ValkkaDeploymentOptions}?)"/>),
/// and the <see cref="IDeploymentControl"/> the host's own code is given. A change asked for before the host
/// started the deployment waits for it. If the deployment stops by itself (a fatal error), the host is told to stop.
/// </summary>
public sealed class HostedValkkaDeployment(Func<TopologyBuilder> topology, ValkkaDeploymentOptions options,
    IHostApplicationLifetime lifetime, ILogger<HostedValkkaDeployment> logger) : IHostedService, IDeploymentControl, IAsyncDisposable
{
    private readonly TaskCompletionSource<ValkkaDeployment> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The running deployment; null before the host started it.</summary>
    public ValkkaDeployment? Deployment => _started.Task.IsCompletedSuccessfully ? _started.Task.Result : null;

    public DesiredState Current => Running.Control.Current;

    private ValkkaDeployment Running =>
        Deployment ?? throw new InvalidOperationException("Valkka has not started yet: the host starts it with its hosted services");

    public Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            var built = topology();
            var deployment = ValkkaDeployment.Start(built, options);
            var t = deployment.Topology;
            logger.LogInformation("valkka: topology {Topology} runs in this process: {Cameras} camera(s), {Clients} client(s), {Masters} master(s)",
                t.Name, t.Cameras.Count, t.Clients.Count, t.Masters.Count);
            _ = deployment.WhenTerminated.ContinueWith(_ =>
            {
                if (deployment.StopRequested) return;
                logger.LogError("valkka: topology {Topology} stopped by itself; stopping the host", t.Name);
                lifetime.StopApplication();
            }, TaskScheduler.Default);
            _started.SetResult(deployment);
        }
        catch (Exception e)
        {
            _started.TrySetException(e);
            throw;
        }
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Deployment is { } deployment) await deployment.StopAsync().ConfigureAwait(false);
    }

    public async Task<ApplyOutcome> ApplyAsync(string hocon, string? sourcePath, bool dryRun, CancellationToken cancel)
    {
        var deployment = await _started.Task.WaitAsync(cancel).ConfigureAwait(false);
        return await deployment.Control.ApplyAsync(hocon, sourcePath, dryRun, cancel).ConfigureAwait(false);
    }

    public JsonObject Status() => Running.Status();

    public async ValueTask DisposeAsync()
    {
        if (Deployment is { } deployment) await deployment.DisposeAsync().ConfigureAwait(false);
    }
}
