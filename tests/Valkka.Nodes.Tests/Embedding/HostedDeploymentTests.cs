using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Valkka.Actors.Topology;
using Valkka.Nodes.Control;
using Valkka.Nodes.Embedding;
using Valkka.Nodes.Tests.Support;

namespace Valkka.Nodes.Tests.Embedding;

/// <summary>A topology built in code, run by a .NET host through AddValkka and changed through the IDeploymentControl it registers.</summary>
[Trait("Speed", "Slow")]
public sealed class HostedDeploymentTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly string _topology = TopologyRings.NewName();

    public void Dispose() => TopologyRings.Remove(_topology);

    private TopologyBuilder TwoCameras() => new TopologyBuilder(_topology).Node("edge", 25530)
        .Camera("cam1", "synthetic://testsrc2?size=320x240&fps=25&codec=h264", "edge")
        .Camera("cam2", "synthetic://smptebars?size=320x240&fps=25&codec=h264", "edge")
        .Client("c1", "edge", ["cam1"], typeof(NullFrameAnalyzer))
        .Client("c2", "edge", ["cam2"], typeof(NullFrameAnalyzer));

    private static IHost HostOf(TopologyBuilder topology)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddValkka(topology);
        return builder.Build();
    }

    private static long Analyzed(IDeploymentControl control, string client) =>
        control.Status()["clients"]?[client]?["analyzed"]?.GetValue<long>() ?? 0;

    private string Ring(string camera) => $"/dev/shm/valkka.{_topology}.cam-{camera}";

    [Fact]
    public async Task The_host_runs_the_topology_and_its_code_changes_it_through_the_registered_control()
    {
        var topology = TwoCameras();
        using var host = HostOf(topology);
        var control = host.Services.GetRequiredService<IDeploymentControl>();
        await host.StartAsync();

        await Wait.UntilAsync(() => Analyzed(control, "c1") > 0 && Analyzed(control, "c2") > 0, Deadline, "both clients analyzing");

        var invalid = await control.ApplyAsync(topology.Client("c3", "edge", ["cam9"], typeof(NullFrameAnalyzer)));
        Assert.False(invalid.Applied);
        Assert.Equal("valkka.clients.c3.cameras[0]", Assert.Single(invalid.Errors).Path);
        Assert.Equal(1, control.Current.Version);

        var outcome = await control.ApplyAsync(topology.WithoutClient("c2").WithoutCamera("cam2"));
        Assert.True(outcome.Applied, string.Join("; ", outcome.Errors));
        Assert.Equal(2, control.Current.Version);
        Assert.DoesNotContain(Ring("cam2"), TopologyRings.Left(_topology));
        var before = Analyzed(control, "c1");
        await Wait.UntilAsync(() => Analyzed(control, "c1") > before, Deadline, "c1 analyzing on after the change");
        Assert.Null(control.Status()["clients"]!["c2"]);

        await host.StopAsync();
        Assert.Empty(TopologyRings.Left(_topology));
    }

    [Fact]
    public async Task An_invalid_topology_stops_the_host_from_starting_and_names_the_key()
    {
        using var host = HostOf(TwoCameras().Client("c2", "edge", ["cam2"], typeof(NullFrameAnalyzer), credit: 100));

        var e = await Assert.ThrowsAsync<TopologyException>(() => host.StartAsync());

        Assert.Equal("valkka.clients.c2.credit", Assert.Single(e.Errors).Path);
        Assert.Empty(TopologyRings.Left(_topology));
    }
}
