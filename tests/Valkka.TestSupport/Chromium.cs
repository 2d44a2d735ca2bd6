namespace Valkka.TestSupport;

/// <summary>
/// Debian's chromium, headless (scripts/install-deps --tests installs it): loads a page once and
/// saves a screenshot or prints the DOM after its scripts ran. --no-sandbox because CI runs as
/// root; a fresh profile per call; no files in /dev/shm; the browser and its children are killed
/// when a call ends.
/// </summary>
public static class Chromium
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>The page's screenshot at width x height as tightly packed RGB24 (read back with the ffmpeg CLI).</summary>
    public static byte[] ScreenshotRgb24(string url, int width, int height)
    {
        using var folder = new TempDirectory();
        var png = folder.File("page.png");
        var result = Run(folder, url, width, height, $"--screenshot={png}");
        if (!File.Exists(png)) throw new InvalidOperationException($"chromium wrote no screenshot of {url}: {result.Output} {result.Errors}");
        return Ffmpeg.DecodeRgb24(png);
    }

    /// <summary>Saves the page's screenshot as a PNG file.</summary>
    public static void Screenshot(string url, int width, int height, string png)
    {
        using var folder = new TempDirectory();
        Run(folder, url, width, height, $"--screenshot={png}");
    }

    /// <summary>The page's DOM as HTML, after its scripts ran.</summary>
    public static string DumpDom(string url, int width = 1280, int height = 800)
    {
        using var folder = new TempDirectory();
        return Run(folder, url, width, height, "--dump-dom").Output;
    }

    private static ChildProcessResult Run(TempDirectory profile, string url, int width, int height, string what) =>
        ChildProcess.Run("chromium",
        [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars", "--no-first-run", "--mute-audio",
            $"--user-data-dir={profile.File("profile")}", $"--window-size={width},{height}", what, url,
        ], Timeout).ThrowIfFailed("chromium comes from scripts/install-deps --tests");
}
