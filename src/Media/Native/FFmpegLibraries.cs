using System.Reflection;
using System.Runtime.InteropServices;

namespace Valkka.Media.Native;

/// <summary>
/// Finds libavformat, libavcodec, libavutil and libswscale, checks that their major versions are
/// the ones <see cref="AvLayout"/> was written for (FFmpeg 5.1), and routes the [LibraryImport]
/// names of <see cref="Av"/> to them.
/// </summary>
public static class FFmpegLibraries
{
    internal sealed record LibrarySpec(string ImportName, string FileStem, string VersionFunction,
                                       int SupportedMajor, string AptPackage);

    internal static readonly LibrarySpec[] Specs =
    [
        new(Av.Util, "libavutil", "avutil_version", 57, "libavutil57"),
        new(Av.Codec, "libavcodec", "avcodec_version", 59, "libavcodec59"),
        new(Av.Format, "libavformat", "avformat_version", 59, "libavformat59"),
        new(Av.Scale, "libswscale", "swscale_version", 6, "libswscale6"),
    ];

    private static readonly object Gate = new();
    private static readonly Dictionary<string, nint> Handles = new();
    private static string? _summary;

    /// <summary>"libavutil 57.28.100, libavcodec 59.37.100, ..." once loaded.</summary>
    public static string VersionSummary { get { EnsureLoaded(); return _summary!; } }

    /// <summary>Loads and checks the libraries once; throws <see cref="FFmpegLibraryException"/> otherwise.</summary>
    public static void EnsureLoaded()
    {
        if (_summary != null) return;
        lock (Gate)
        {
            if (_summary != null) return;
            var versions = new List<string>();
            foreach (var spec in Specs)
            {
                var (handle, version) = Load(spec);
                Handles[spec.ImportName] = handle;
                versions.Add($"{spec.FileStem} {version >> 16}.{(version >> 8) & 0xFF}.{version & 0xFF}");
            }
            NativeLibrary.SetDllImportResolver(typeof(FFmpegLibraries).Assembly, Resolve);
            Av.av_log_set_level(AvConst.LogError);
            Av.avformat_network_init();
            _summary = string.Join(", ", versions);
        }
    }

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? path) =>
        Handles.TryGetValue(name, out var handle) ? handle : 0;

    private static (nint Handle, uint Version) Load(LibrarySpec spec)
    {
        var soname = $"{spec.FileStem}.so.{spec.SupportedMajor}";
        if (NativeLibrary.TryLoad(soname, out var handle))
        {
            var version = ReadVersion(handle, spec);
            var problem = CheckVersion(spec, version, soname);
            if (problem != null) throw new FFmpegLibraryException(problem);
            return (handle, version);
        }
        // Not there: look for another major so the message can say what was found.
        foreach (var candidate in OtherCandidates(spec))
        {
            if (!NativeLibrary.TryLoad(candidate, out var other)) continue;
            var version = ReadVersion(other, spec);
            NativeLibrary.Free(other);
            throw new FFmpegLibraryException(CheckVersion(spec, version, candidate)
                ?? $"{soname} was not found although {candidate} reports a supported version.");
        }
        throw new FFmpegLibraryException(
            $"{spec.FileStem} not found: looked for {soname} (supported major version {spec.SupportedMajor}, " +
            $"FFmpeg 5.1). Install it with: apt-get install {spec.AptPackage} (or the 'ffmpeg' package of Debian 12).");
    }

    private static IEnumerable<string> OtherCandidates(LibrarySpec spec)
    {
        yield return $"{spec.FileStem}.so";
        for (var major = spec.SupportedMajor + 4; major >= spec.SupportedMajor - 3; major--)
            if (major != spec.SupportedMajor) yield return $"{spec.FileStem}.so.{major}";
    }

    private static unsafe uint ReadVersion(nint handle, LibrarySpec spec)
    {
        if (!NativeLibrary.TryGetExport(handle, spec.VersionFunction, out var export))
            throw new FFmpegLibraryException($"{spec.FileStem} has no {spec.VersionFunction}(): not an FFmpeg library?");
        return ((delegate* unmanaged[Cdecl]<uint>)export)();
    }

    /// <summary>Null when the version is supported, else a message naming library, versions and package.</summary>
    internal static string? CheckVersion(LibrarySpec spec, uint version, string file)
    {
        var major = (int)(version >> 16);
        if (major == spec.SupportedMajor) return null;
        return $"{spec.FileStem}: found version {major}.{(version >> 8) & 0xFF}.{version & 0xFF} ({file}), " +
               $"supported major version: {spec.SupportedMajor} (FFmpeg 5.1; the struct offsets in AvLayout " +
               $"are for that layout). Install it with: apt-get install {spec.AptPackage} (Debian 12).";
    }
}
