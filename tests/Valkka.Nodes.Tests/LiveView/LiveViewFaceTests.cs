using Valkka.Nodes.LiveView;
using Valkka.Nodes.Tests.Support;

namespace Valkka.Nodes.Tests.LiveView;

/// <summary>
/// A topology with a face master and a camera that loops a clip of the astronaut photo: the live view draws
/// the master's box (magenta) around her face on the camera's picture, as headless chromium sees it. For
/// hocon/faces.conf (the C# face master) and hocon/python.conf (the Python Haar master of samples/python).
/// </summary>
[Trait("Speed", "Slow")]
public sealed class LiveViewFaceTests
{
    private const int PageWidth = 1000, PageHeight = 700, Tolerance = 6;

    // Where each master finds her face in the 512x512 photo: the face sample's tests, PythonSampleTests.
    [Theory]
    [InlineData("faces", 178, 81, 94)]
    [InlineData("python", 177, 66, 95)]
    public async Task A_box_is_drawn_around_the_astronaut_s_face(string shipped, int faceX, int faceY, int faceSize)
    {
        using var folder = new TempDirectory();
        // The 512x512 photo as a 2 s clip; the tile shows it 180 px high, centred.
        var clip = folder.File("astronaut.mp4");
        Ffmpeg.Run("-loop", "1", "-i", TestImages.Astronaut, "-vf", "format=yuv420p",
            "-r", "25", "-frames:v", "50", "-c:v", "libx264", "-preset", "veryfast", "-g", "25", "-y", clip);
        var camera = $$"""
            valkka.cameras.cam1.url = "{{clip}}"
            valkka.cameras.cam1.decoder { loop = true, realtime = true }
            """;
        using var topology = TestTopology.FromShipped(shipped, shipped == "faces" ? camera + $$"""

            valkka.clients.faces1.analyzer.settings { motion-gating = off, results-file = "{{folder.File("cam1.jsonl")}}", snapshots.folder = "{{folder.Path}}" }
            valkka.clients.faces2.analyzer.settings { results-file = "{{folder.File("cam2.jsonl")}}", snapshots.folder = "{{folder.Path}}" }
            """ : camera + """

            valkka.clients.motion1.analyzer.settings { gate = off }
            """);
        using var run = LiveViewRun.Start(topology);
        await run.StreamingAsync("cam1");

        // The first tile shows the photo scaled by 180/512, 70 px from its left edge.
        const double scale = (double)PagePixels.TileHeight / 512;
        var left = PagePixels.TileX(0) + (PagePixels.TileWidth - 512 * scale) / 2;
        var expected = (X: left + faceX * scale, Y: PagePixels.Top + faceY * scale, Size: faceSize * scale);
        (int Count, int MinX, int MinY, int MaxX, int MaxY) box = default;
        var drawn = Wait.Until(() =>
        {
            var page = new PagePixels(Chromium.ScreenshotRgb24(run.Url, PageWidth, PageHeight), PageWidth);
            box = MagentaIn(page);
            return box.Count >= 40 && Near(box.MinX, expected.X) && Near(box.MinY, expected.Y)
                   && Near(box.MaxX, expected.X + expected.Size) && Near(box.MaxY, expected.Y + expected.Size);
        }, LiveViewRun.Deadline);
        Assert.True(drawn, $"no box around the face at {expected} in the screenshot; magenta pixels of the first tile: {box}");

        await run.StopAsync();
        Assert.Empty(topology.RingsLeft());
    }

    private static bool Near(int actual, double expected) => Math.Abs(actual - expected) <= Tolerance;

    private static (int Count, int MinX, int MinY, int MaxX, int MaxY) MagentaIn(PagePixels page)
    {
        var (count, minX, minY, maxX, maxY) = (0, int.MaxValue, int.MaxValue, -1, -1);
        for (var y = PagePixels.Top; y < PagePixels.Top + PagePixels.TileHeight; y++)
        for (var x = PagePixels.TileX(0); x < PagePixels.TileX(0) + PagePixels.TileWidth; x++)
        {
            var (r, g, b) = page.At(x, y);
            if (r < 200 || g > 80 || b < 200) continue;
            count++;
            (minX, minY, maxX, maxY) = (Math.Min(minX, x), Math.Min(minY, y), Math.Max(maxX, x), Math.Max(maxY, y));
        }
        return (count, minX, minY, maxX, maxY);
    }
}
