using Valkka.Media.Native;

namespace Valkka.Media.Tests;

public sealed class LibraryVersionTests
{
    [Fact]
    public void InstalledLibrariesLoadAndAreTheSupportedMajors()
    {
        FFmpegLibraries.EnsureLoaded();
        var summary = FFmpegLibraries.VersionSummary;
        Assert.Contains("libavformat 59.", summary);
        Assert.Contains("libavcodec 59.", summary);
        Assert.Contains("libavutil 57.", summary);
        Assert.Contains("libswscale 6.", summary);
    }

    [Fact]
    public void AnotherMajorVersionIsRejectedNamingLibraryVersionsAndPackage()
    {
        var spec = FFmpegLibraries.Specs.Single(s => s.FileStem == "libavformat");
        var ffmpeg6 = (60u << 16) | (3u << 8) | 100u;
        var message = FFmpegLibraries.CheckVersion(spec, ffmpeg6, "libavformat.so.60");
        Assert.NotNull(message);
        Assert.Contains("libavformat", message);
        Assert.Contains("60.3.100", message);
        Assert.Contains("supported major version: 59", message);
        Assert.Contains("apt-get install libavformat59", message);
    }

    [Fact]
    public void TheSupportedMajorVersionPasses()
    {
        foreach (var spec in FFmpegLibraries.Specs)
            Assert.Null(FFmpegLibraries.CheckVersion(spec, (uint)spec.SupportedMajor << 16, "x"));
    }
}
