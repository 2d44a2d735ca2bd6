using System.Text;
using Valkka.Media.Native;

namespace Valkka.Media.Tests;

/// <summary>
/// Every struct offset and constant the bindings use is checked against the installed FFmpeg
/// headers: the test writes a C program with offsetof(), builds it with gcc and compares.
/// </summary>
public sealed class NativeLayoutTests
{
    [Fact]
    public void DeclaredOffsetsAndConstantsMatchTheInstalledHeaders()
    {
        using var dir = new TempDirectory();
        var source = new StringBuilder("""
            #include <stdio.h>
            #include <stddef.h>
            #include <errno.h>
            #include <libavformat/avformat.h>
            #include <libavcodec/avcodec.h>
            #include <libavutil/frame.h>
            #include <libswscale/swscale.h>
            int main(void) {

            """);
        foreach (var (type, field, _) in AvLayout.All)
            source.AppendLine($"  printf(\"{type}.{field} %zu\\n\", offsetof({type}, {field}));");
        foreach (var (expression, _) in AvLayout.Constants)
            source.AppendLine($"  printf(\"{expression} %lld\\n\", (long long)({expression}));");
        source.AppendLine("  return 0;\n}");
        File.WriteAllText(dir.File("layout.c"), source.ToString());

        var cflags = Run("pkg-config", "--cflags libavformat libavcodec libavutil libswscale", allowFailure: true);
        Run("gcc", $"{cflags.Trim()} -o {dir.File("layout")} {dir.File("layout.c")}");
        var measured = Run(dir.File("layout"), "")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' '))
            .ToDictionary(p => p[0], p => long.Parse(p[1]));

        foreach (var (type, field, offset) in AvLayout.All)
            Assert.True(measured[$"{type}.{field}"] == offset,
                $"{type}.{field}: AvLayout says {offset}, the installed headers say {measured[$"{type}.{field}"]}");
        foreach (var (expression, value) in AvLayout.Constants)
            Assert.True(measured[expression] == value, $"{expression}: declared {value}, headers say {measured[expression]}");
    }

    [Fact]
    public void AVStreamCodecParIsAfterTheEmbeddedPacketInLibavformat59()
    {
        // The trap FACTS.md describes: no av_class in AVStream, codecpar after attached_pic.
        Assert.Equal(208, AvLayout.StreamCodecPar);
        Assert.Equal(0, AvLayout.StreamIndex);
    }

    private static string Run(string file, string args, bool allowFailure = false)
    {
        var result = ChildProcess.Run(file, args.Split(' ', StringSplitOptions.RemoveEmptyEntries), TimeSpan.FromMinutes(2));
        if (!allowFailure) result.ThrowIfFailed();
        return result.ExitCode == 0 ? result.Output : "";
    }
}
