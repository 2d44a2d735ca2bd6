using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Valkka.Actors.Topology;
using Valkka.Nodes.Control;

namespace Valkka.Nodes.Embedding;

/// <summary>Runs a topology in a .NET host (Microsoft.Extensions.Hosting): <c>builder.Services.AddValkka(topology)</c>.</summary>
public static class ValkkaServiceCollectionExtensions
{
    /// <summary>
    /// Registers a hosted service that starts topology in this process when the host starts and stops it (rings
    /// unlinked) when the host stops, and registers <see cref="IDeploymentControl"/> (and <see cref="HostedValkkaDeployment"/>)
    /// as singletons, for the host's own code to read the status and change the topology while it runs.
    /// options: null for <see cref="ValkkaDeploymentOptions.ForThisHost"/>.
    /// </summary>
    public static IServiceCollection AddValkka(this IServiceCollection services, TopologyBuilder topology,
        Func<IServiceProvider, ValkkaDeploymentOptions>? options = null)
    {
        ArgumentNullException.ThrowIfNull(topology);
        return services.AddValkka(_ => topology, options);
    }

    /// <summary>As <see cref="AddValkka(IServiceCollection, TopologyBuilder, Func{IServiceProvider, ValkkaDeploymentOptions}?)"/>, with the topology made from the host's services (configuration) when the host starts.</summary>
    public static IServiceCollection AddValkka(this IServiceCollection services, Func<IServiceProvider, TopologyBuilder> topology,
        Func<IServiceProvider, ValkkaDeploymentOptions>? options = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(topology);
        services.AddSingleton(provider => new HostedValkkaDeployment(() => topology(provider),
            options?.Invoke(provider) ?? ValkkaDeploymentOptions.ForThisHost(),
            provider.GetRequiredService<IHostApplicationLifetime>(), provider.GetRequiredService<ILogger<HostedValkkaDeployment>>()));
        services.AddSingleton<IDeploymentControl>(provider => provider.GetRequiredService<HostedValkkaDeployment>());
        services.AddHostedService(provider => provider.GetRequiredService<HostedValkkaDeployment>());
        return services;
    }
}
