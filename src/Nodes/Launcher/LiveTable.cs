using Spectre.Console;
using Spectre.Console.Rendering;
using Valkka.Media.Sources;
using Valkka.Nodes.Stats;

namespace Valkka.Nodes.Launcher;

/// <summary>The live console view of a run: one table per kind of actor, then the latest log lines.</summary>
public static partial class LiveTable
{
    public static IRenderable Render(string title, TimeSpan elapsed, BoardSnapshot board, IReadOnlyList<string> recent)
    {
        var cameras = new Table().Border(TableBorder.Rounded).Title("cameras")
            .AddColumns("camera", "node", "host", "placement", "status", "fps", "wanted", "decoded", "skipped (rate)", "discarded (behind)", "lost (damaged)",
                "dropped");
        foreach (var (id, t) in board.Cameras.OrderBy(kv => kv.Key))
            cameras.AddRow(id, t.Node, Markup.Escape(t.Latest.Host), Placement(t.Total), StatusMarkup(t.Latest.Status, t.Latest.Reason, t.Latest.BehindSince is not null), $"{t.Latest.Fps:0.0}",
                Wanted(t.Latest.WantedFps), $"{t.Total.Decoded}", $"{t.Total.SkippedForRate}", $"{t.Total.DiscardedBehind}", $"{t.Total.Lost}",
                $"{t.Total.Dropped}");

        var clients = new Table().Border(TableBorder.Rounded).Title("clients")
            .AddColumns("client", "node", "host", "placement", "fps", "wanted", "analyzed", "failed", "skipped (rate)", "skipped (busy)", "skipped (starting)", "stale", "results", "to master");
        var shortClients = ShortClients(board);
        foreach (var (id, t) in board.Clients.OrderBy(kv => kv.Key))
            clients.AddRow(id, t.Node, Markup.Escape(t.Latest.Host), t.Latest.Placement, shortClients.Contains(id) ? $"[yellow]{t.Latest.Fps:0.0} (short)[/]" : $"{t.Latest.Fps:0.0}", Wanted(t.Latest.PerCamera.Select(c => c.WantedFps)), $"{t.Total.Analyzed}",
                Warn(t.Total.Failed), $"{t.Total.SkippedForRate}", $"{t.Total.Skipped}", Starting(t.Total.SkippedStarting, t.Latest.AnalyzerWaiting),
                $"{t.Total.Stale}", $"{t.Total.Results}", ToMaster(t.Total, t.Latest));

        var parts = new List<IRenderable>
        {
            new Markup($"[bold]{Markup.Escape(title)}[/]  {elapsed:hh\\:mm\\:ss}  (Ctrl-C stops)"),
            cameras,
            clients,
        };
        if (board.Masters.Count > 0)
        {
            var masters = new Table().Border(TableBorder.Rounded).Title("masters")
                .AddColumns("master", "node", "batches", "frames", "mean batch", "analyzer ms", "results", "failed batches", "skipped (starting)");
            foreach (var (id, t) in board.Masters.OrderBy(kv => kv.Key))
                masters.AddRow(id, t.Node, $"{t.Total.Batches}", $"{t.Total.Frames}", $"{t.Latest.MeanBatchSize:0.00}",
                    $"{t.Latest.MeanAnalyzerMs:0.00}", $"{t.Total.Results}", Warn(t.Total.FailedBatches),
                    Starting(t.Total.SkippedStarting, t.Latest.AnalyzerWaiting));
            parts.Add(masters);
        }

        if (board.Relays.Count > 0) parts.Add(RelayTables.Relays(board));
        if (board.Publishers.Count > 0) parts.Add(RelayTables.Publishers(board));

        var nodes = new Table().Border(TableBorder.Rounded).Title("nodes").AddColumns("node", "state", "restarts");
        foreach (var (node, state) in board.NodeStates.OrderBy(kv => kv.Key))
            nodes.AddRow(node, Markup.Escape(state), $"{board.Restarts.GetValueOrDefault(node)}");
        parts.Add(nodes);

        if (recent.Count > 0)
            parts.Add(new Panel(new Rows(recent.Select(line => new Text(Truncate(Compact(line), AnsiConsole.Profile.Width - 4)))))
                .Header("log (all lines in the log file)").Expand());
        return new Rows(parts);
    }

    /// <summary>One line for consoles without a live view (output redirected).</summary>
    public static string Line(TimeSpan elapsed, BoardSnapshot board)
    {
        var cams = string.Join(" ", board.Cameras.OrderBy(kv => kv.Key).Select(kv =>
            $"{kv.Key}={kv.Value.Latest.Status}{(kv.Value.Latest.BehindSince is null ? "" : "(behind)")}/{kv.Value.Latest.Fps:0.0}fps"
            + (kv.Value.Latest.Placement == "placed" ? $"@{kv.Value.Node}" : "")));
        var shortClients = ShortClients(board);
        var clients = string.Join(" ", board.Clients.OrderBy(kv => kv.Key).Select(kv =>
            $"{kv.Key}={kv.Value.Total.Analyzed}@{kv.Value.Latest.Fps:0.0}fps{(shortClients.Contains(kv.Key) ? "(short)" : "")}"
            + (kv.Value.Latest.MasterWaiting is null ? "" : "(master nowhere)")));
        var masters = string.Join(" ", board.Masters.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key}={kv.Value.Total.Batches}b/{kv.Value.Total.Frames}f"));
        return $"[valkka] {elapsed.TotalSeconds:0}s cameras: {cams} | clients: {clients}" + (masters.Length > 0 ? $" | masters: {masters}" : "");
    }

    // "[client1] [INFO][11/24/2026 03:09:47.425Z][Thread 0018][akka.tcp://valkka@.../user/client-c1] text"
    // -> "[client1] INFO client-c1: text", one line.
    private static string Compact(string line)
    {
        var m = AkkaLogLine().Match(line);
        var text = m.Success ? $"{m.Groups[1].Value}{m.Groups[2].Value} {m.Groups[4].Value}: {m.Groups[5].Value}" : line;
        return text.ReplaceLineEndings(" ");
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(.*?)\[(\w+)\]\[[^\]]*\]\[Thread \d+\]\[([^\]]*/)?([^\]/]*)\] ?(.*)$")]
    private static partial System.Text.RegularExpressions.Regex AkkaLogLine();

    private static string Warn(long count) => count > 0 ? $"[red]{count}[/]" : "0";

    // Frames skipped while the analyzer was not ready, and "(starting)" while it still is not.
    private static string Starting(long skipped, string? waiting) => waiting is null ? $"{skipped}" : $"[yellow]{skipped} (starting)[/]";

    // Frames forwarded to the master; in yellow while a placed master runs nowhere (its frames are not sent).
    private static string ToMaster(ClientRow total, ClientRow latest) =>
        latest.MasterWaiting is not null ? $"[yellow]{total.Forwarded} (master nowhere, {total.NotSentToMaster} not sent)[/]"
        : total.NotSentToMaster > 0 ? $"{total.Forwarded} ({total.NotSentToMaster} not sent)"
        : $"{total.Forwarded}";

    // Pinned (key node), or placed by the cluster with how often it moved the camera.
    private static string Placement(CameraRow row) => row.Placement == "placed" ? $"placed, {row.Moves} move{(row.Moves == 1 ? "" : "s")}" : row.Placement;

    private static HashSet<string> ShortClients(BoardSnapshot board) => Shortfalls.Find(board).Select(f => f.ClientId).ToHashSet();

    // The rate asked for: "all" (every frame), "-" (no reader), a number, or per-camera numbers.
    private static string Wanted(double? fps) => fps switch { null => "all", <= 0 => "-", { } f => $"{f:0.##}" };

    private static string Wanted(IEnumerable<double?> perCamera) =>
        string.Join("/", perCamera.Select(f => Wanted(f)).Distinct().DefaultIfEmpty("all"));

    private static string Truncate(string text, int width) =>
        width > 3 && text.Length > width ? text[..(width - 1)] + "…" : text;

    private static string StatusMarkup(string status, string? reason, bool behind)
    {
        var colour = status switch
        {
            "streaming" => behind ? "yellow" : "green",
            "connecting" or "reconnecting" => "yellow",
            "failed" => "red",
            _ => "grey",
        };
        var text = Markup.Escape(status + (reason is null ? "" : ": " + Valkka.Media.Sources.CameraUrl.Masked(reason)));
        return $"[{colour}]{text}[/]";
    }
}
