using System.Diagnostics;
using Valkka.Actors.Topology;
using Valkka.Nodes.LiveView;
using Valkka.Nodes.Launcher;

namespace Valkka.Chaos.Soak;

/// <summary>
/// What the churn soak runs beside the nodes: the live view `valkka run --web` serves (on a free loopback
/// port, in this process, reaching the nodes over remoting as the launcher's does), a browser of it, and the churn.
/// </summary>
public sealed class ChurnParts : IAsyncDisposable
{
    private readonly LiveViewService _liveView;

    private ChurnParts(LiveViewService liveView, SoakChurn churn) => (_liveView, Churn) = (liveView, churn);

    public SoakChurn Churn { get; }

    public static async Task<ChurnParts> StartAsync(ChaosTopology topology, ChaosNodes nodes, ChaosOutput output, Stopwatch clock)
    {
        var listen = new ListenAddress(ListenAddress.DefaultHost, FreePorts.Take(1)[0]);
        var liveView = await LiveViewService.StartAsync(topology.Definition, new LiveViewSettings(listen), nodesSystem: null,
            ListenAddress.DefaultHost, () => (output.Board.Snapshot(TimeSpan.FromSeconds(3)), clock.Elapsed));
        var viewer = new LiveViewer(new HttpClient { BaseAddress = new Uri($"http://{listen}") });
        return new ChurnParts(liveView, new SoakChurn(topology, nodes, viewer, line => output.Console.Say(line)));
    }

    public async ValueTask DisposeAsync()
    {
        Churn.Dispose();
        await _liveView.DisposeAsync();
    }
}
