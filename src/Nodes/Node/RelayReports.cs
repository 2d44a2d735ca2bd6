using Akka.Actor;
using Valkka.Actors.Messages;
using Valkka.Actors.Relays;
using Valkka.Actors.Topology;
using Valkka.Nodes.Stats;

namespace Valkka.Nodes.Node;

/// <summary>The rows of the stats for relays (a relay camera actor and its upstream) and for cameras' encoded-stream publishers.</summary>
internal static class RelayReports
{
    /// <summary>The relay's row, or null if it did not answer in time.</summary>
    public static async Task<RelayRow?> AskRelay(IActorRef relay, TimeSpan timeout)
    {
        var stats = await ReportAsk.TryAsk<CameraStats>(relay, GetStats.Instance, timeout).ConfigureAwait(false);
        if (stats is null) return null;
        var upstream = await ReportAsk.TryAsk<RelayCounters>(new ActorSelection(relay, RelaySourceFactory.UpstreamName), new GetRelayCounters(), timeout)
            .ConfigureAwait(false);
        return new RelayRow(stats.CameraId, stats.Status, upstream?.PacketsReceived ?? 0, stats.Decoded, upstream?.LostOnWire ?? 0,
            upstream?.QueueDropped ?? 0, upstream?.DroppedUpstream ?? 0, stats.Fps);
    }

    /// <summary>One row per relay the camera's publisher serves (none when no relay subscribes).</summary>
    public static async Task<IReadOnlyList<PublisherRow>> AskPublisher(IActorRef camera, TimeSpan timeout)
    {
        var stats = await ReportAsk.TryAsk<EncodedStreamStats>(new ActorSelection(camera, ActorPaths.EncodedStreamName), new GetEncodedStreamStats(), timeout)
            .ConfigureAwait(false);
        if (stats is null) return [];
        return stats.Relays.Select(r => new PublisherRow(stats.CameraId, r.RelayId, r.Sent, r.Bytes, r.DroppedNoCredit, r.SkippedToKeyframe,
            r.InFlight, stats.TapDropped)).ToList();
    }
}
