using System.Text.RegularExpressions;
using Valkka.Nodes.LiveView;
using Valkka.Nodes.Tests.Support;

namespace Valkka.Nodes.Tests.LiveView;

/// <summary>
/// The live view of `valkka run --web` in a real browser (headless chromium): main3 with SMPTE-bar
/// cameras and one RTSP camera whose URL carries a password.
/// </summary>
[Trait("Speed", "Slow")]
public sealed partial class LiveViewPageTests
{
    private const int PageWidth = 1400, PageHeight = 1000;

    // The seven top bars of lavfi's smptebars, 75% colours, left to right.
    private static readonly (int R, int G, int B)[] SmpteBars =
        [(191, 191, 191), (191, 191, 0), (0, 191, 191), (0, 191, 0), (191, 0, 191), (191, 0, 0), (0, 0, 191)];

    [GeneratedRegex("""<tr data-id="([^"]+)">(.*?)</tr>""")]
    private static partial Regex Row();

    [GeneratedRegex("""<td data-key="analyzed">(\d+)</td>""")]
    private static partial Regex AnalyzedCell();

    [Fact]
    public async Task The_page_shows_every_camera_s_bars_and_a_live_table_and_never_the_camera_password()
    {
        var nobody = FreeTcpPort.Pick();
        using var topology = TestTopology.FromShipped("main3", $$"""
            valkka.cameras.cam1.url = "synthetic://smptebars?size=640x360&fps=25&codec=h264"
            valkka.cameras.cam3.url = "synthetic://smptebars?size=640x360&fps=25&codec=h264"
            valkka.cameras.door { url = "rtsp://user:secret@127.0.0.1:{{nobody}}/stream1", node = cameras }
            """);
        using var run = LiveViewRun.Start(topology);
        await run.StreamingAsync("cam1", "cam2", "cam3");

        // The picture reader of a camera subscribes only while a browser watches it.
        await AssertReaderOnlyWhileWatchedAsync(run, "cam1");

        PagePixels? page = null;
        var bars = Wait.Until(() =>
        {
            page = new PagePixels(Chromium.ScreenshotRgb24(run.Url, PageWidth, PageHeight), PageWidth);
            return Enumerable.Range(0, 3).All(tile => ShowsBars(page, tile));
        }, LiveViewRun.Deadline);
        Assert.True(bars, "the screenshot never showed the SMPTE bars in tiles 0-2: " + DescribeBars(page));

        var first = Analyzed(run, _ => true);
        var second = Analyzed(run, counts => counts.Count == 3 && counts.All(c => c.Value > first[c.Key]));
        Assert.True(second.Count == 3 && second.All(c => c.Value > first[c.Key]),
            $"the table's analyzed counters did not increase between two loads: {string.Join(", ", first)} then {string.Join(", ", second)}");

        var html = await LiveViewRun.GetAsync(run.Url);
        var state = (await run.StateAsync()).ToJsonString();
        var dom = Chromium.DumpDom(run.Url);
        Assert.Contains($"rtsp://***@127.0.0.1:{nobody}/stream1", html);
        Assert.Contains($"rtsp://***@127.0.0.1:{nobody}/stream1", dom);
        foreach (var (what, text) in new[] { ("page", html), ("state", state), ("DOM", dom) })
            Assert.False(text.Contains("secret", StringComparison.Ordinal), $"the {what} shows the password: {text}");

        var output = await run.StopAsync();
        foreach (var (what, file) in new[] { ("output", output), ("log", File.ReadAllText(topology.LogPath)), ("summary", File.ReadAllText(topology.SummaryPath)) })
            Assert.False(file.Contains("secret", StringComparison.Ordinal), $"the run's {what} shows the password:\n{file}");
        Assert.Contains("rtsp://***@", File.ReadAllText(topology.LogPath));
        Assert.Empty(topology.RingsLeft());
    }

    private static async Task AssertReaderOnlyWhileWatchedAsync(LiveViewRun run, string camera)
    {
        async Task<int> Readers() => (await run.StateAsync())["cameras"]![camera]!["readers"]!.GetValue<int>();
        // Its client and the master, which attaches once the client forwarded a frame: wait for both, or
        // a master attaching late would count as the live view's reader.
        const int readers = 2;
        await Wait.UntilAsync(async () => await Readers() == readers, LiveViewRun.Deadline, $"{camera} read by its client and the master");
        using (var http = new HttpClient())
        {
            using var response = await http.GetAsync(run.Url + "stream/" + camera, HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal("multipart/x-mixed-replace", response.Content.Headers.ContentType?.MediaType);
            await using var stream = await response.Content.ReadAsStreamAsync();
            var jpegs = 0;
            var buffer = new byte[64 * 1024];
            while (jpegs < 2)
            {
                var n = await stream.ReadAsync(buffer);
                Assert.True(n > 0, "the MJPEG stream ended");
                jpegs += Regex.Count(System.Text.Encoding.Latin1.GetString(buffer, 0, n), "Content-Type: image/jpeg");
            }
            await Wait.UntilAsync(async () => await Readers() == readers + 1, LiveViewRun.Deadline, $"{camera} read by the live view too");
        }
        await Wait.UntilAsync(async () => await Readers() == readers, LiveViewRun.Deadline, $"{camera} no longer read by the live view once nobody watches");
    }

    private static bool ShowsBars(PagePixels page, int tile) =>
        SmpteBars.Select((colour, bar) => PagePixels.Near(BarPixel(page, tile, bar), colour, 48)).All(ok => ok);

    private static (byte R, byte G, byte B) BarPixel(PagePixels page, int tile, int bar) =>
        page.InTile(tile, (int)((bar + 0.5) * PagePixels.TileWidth / 7), PagePixels.TileHeight / 3);

    private static string DescribeBars(PagePixels? page) => page is null ? "(no screenshot)" :
        string.Join("; ", Enumerable.Range(0, 3).Select(tile => $"tile {tile}: " + string.Join(" ", Enumerable.Range(0, 7).Select(bar => BarPixel(page, tile, bar)))));

    /// <summary>The clients' analyzed counters in the page's table as chromium sees it, once they satisfy done (or the deadline passed).</summary>
    private static Dictionary<string, long> Analyzed(LiveViewRun run, Func<Dictionary<string, long>, bool> done)
    {
        var counts = new Dictionary<string, long>();
        Wait.Until(() =>
        {
            counts = Row().Matches(Chromium.DumpDom(run.Url))
                .Select(m => (Id: m.Groups[1].Value, Cell: AnalyzedCell().Match(m.Groups[2].Value)))
                .Where(r => r.Cell.Success).ToDictionary(r => r.Id, r => long.Parse(r.Cell.Groups[1].Value));
            return counts.Count == 3 && done(counts);
        }, LiveViewRun.Deadline);
        return counts;
    }
}
