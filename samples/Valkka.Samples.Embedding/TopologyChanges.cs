using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Valkka.Actors.Topology;
using Valkka.Nodes.Control;
using Valkka.Nodes.Embedding;

namespace Valkka.Samples.Embedding;

/// <summary>
/// The host's own code changing the running topology through the registered <see cref="IDeploymentControl"/>:
/// after a while it adds a camera with its client and removes another, logs the status, and stops the host
/// after the sample's duration.
/// </summary>
public sealed class TopologyChanges(IDeploymentControl control, TopologyBuilder running, SampleSettings settings,
    IHostApplicationLifetime lifetime, ILogger<TopologyChanges> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(settings.ChangeAfter, stoppingToken);
            logger.LogInformation("status: {Status}", control.Status().ToJsonString());

            var outcome = await control.ApplyAsync(ShopTopology.Changed(running), cancel: stoppingToken);
            if (!outcome.Applied)
                logger.LogError("not applied: {Errors}", string.Join("; ", outcome.Errors.Select(e => e.ToString()).Concat(outcome.Plan?.Refused ?? [])));
            else
                logger.LogInformation("applied version {Version}: {Changes}", control.Current.Version, string.Join("; ", outcome.Plan!.Changes));
            foreach (var failure in outcome.Failures) logger.LogWarning("apply: {Failure}", failure);

            await Task.Delay(settings.Duration - settings.ChangeAfter, stoppingToken);
            logger.LogInformation("status: {Status}", control.Status().ToJsonString());
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }
        lifetime.StopApplication();
    }
}
