using Spectre.Console;
using Valkka.Nodes.Stats;

namespace Valkka.Nodes.Launcher;

/// <summary>The live view's tables for cameras read on other hosts: each host's relay, and what each camera sent to each relay.</summary>
internal static class RelayTables
{
    public static Table Relays(BoardSnapshot board)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("relays (cameras of other hosts)")
            .AddColumns("relay", "node", "status", "fps", "packets", "decoded", "lost on wire", "queue dropped", "dropped upstream");
        foreach (var (id, t) in board.Relays.OrderBy(kv => kv.Key))
            table.AddRow(Markup.Escape(id), t.Node, Markup.Escape(t.Latest.Status), $"{t.Latest.Fps:0.0}", $"{t.Total.PacketsReceived}",
                $"{t.Total.Decoded}", $"{t.Total.LostOnWire}", $"{t.Total.QueueDropped}", $"{t.Total.DroppedUpstream}");
        return table;
    }

    public static Table Publishers(BoardSnapshot board)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("encoded streams sent")
            .AddColumns("camera", "to relay", "node", "sent", "kB", "dropped (no credit)", "skipped to keyframe", "in flight", "tap dropped");
        foreach (var (_, t) in board.Publishers.OrderBy(kv => kv.Key))
            table.AddRow(t.Latest.CameraId, Markup.Escape(t.Latest.RelayId), t.Node, $"{t.Total.Sent}", $"{t.Total.Bytes / 1000}",
                $"{t.Total.DroppedNoCredit}", $"{t.Total.SkippedToKeyframe}", $"{t.Latest.InFlight}", $"{t.Total.TapDropped}");
        return table;
    }
}
