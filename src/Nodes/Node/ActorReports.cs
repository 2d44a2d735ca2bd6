using Akka.Actor;
using Valkka.Actors.Messages;
using Valkka.Nodes.Stats;

namespace Valkka.Nodes.Node;

/// <summary>
/// The report rows of a node's cameras, clients and masters: each actor is asked for its stats, then its
/// details (which may come late: the row then has the stats alone), and the row is made by its own From.
/// </summary>
internal static class ActorReports
{
    public static Task<(string Node, CameraRow? Row)> Camera(HostedPart camera, TimeSpan timeout) =>
        Row<CameraStats, CameraDetails, CameraRow>(camera.Node, camera.Actor, new GetCameraDetails(),
            (s, d) => CameraRow.From(s, d) with { StartedAtUnixMs = camera.StartedAtUnixMs }, timeout);

    public static Task<(string Node, ClientRow? Row)> Client(HostedPart client, TimeSpan timeout) =>
        Row<ClientStats, ClientDetails, ClientRow>(client.Node, client.Actor, new GetClientDetails(),
            (s, d) => ClientRow.From(s, d) with { StartedAtUnixMs = client.StartedAtUnixMs }, timeout);

    public static Task<(string Node, MasterRow? Row)> Master(HostedPart master, TimeSpan timeout) =>
        Row<MasterStats, MasterDetails, MasterRow>(master.Node, master.Actor, new GetMasterDetails(),
            (s, d) => MasterRow.From(s, d) with { StartedAtUnixMs = master.StartedAtUnixMs }, timeout);

    private static async Task<(string Node, TRow? Row)> Row<TStats, TDetails, TRow>(string node, IActorRef actor, object getDetails,
        Func<TStats, TDetails?, TRow> row, TimeSpan timeout) where TStats : class where TDetails : class where TRow : class
    {
        var stats = await ReportAsk.TryAsk<TStats>(actor, GetStats.Instance, timeout).ConfigureAwait(false);
        if (stats is null) return (node, null);
        var details = await ReportAsk.TryAsk<TDetails>(actor, getDetails, timeout).ConfigureAwait(false);
        return (node, row(stats, details));
    }
}
