using System.Runtime.InteropServices;
using System.Text.Json;

namespace Valkka.Actors.Analysis.Loading;

/// <summary>
/// The native libraries an analyzer assembly's .deps.json lists for this machine (its runtime
/// identifier, the OS family, unix), as paths relative to the analyzer's folder, with the package
/// each comes from.
/// </summary>
internal static class DepsNativeAssets
{
    /// <summary>The first listed native library for this machine that is not in folder, as "path (package/version)", else null.</summary>
    public static string? FirstMissing(string assemblyPath)
    {
        var deps = Path.ChangeExtension(assemblyPath, ".deps.json");
        if (!File.Exists(deps)) return null;
        var folder = Path.GetDirectoryName(assemblyPath)!;
        using var json = JsonDocument.Parse(File.ReadAllText(deps));
        if (!json.RootElement.TryGetProperty("targets", out var targets)) return null;
        var rids = Rids();
        foreach (var target in targets.EnumerateObject())
        foreach (var library in target.Value.EnumerateObject())
        foreach (var path in NativePaths(library.Value, rids))
            if (!File.Exists(Path.Combine(folder, path)) && !File.Exists(Path.Combine(folder, Path.GetFileName(path))))
                return $"{path} ({library.Name})";
        return null;
    }

    private static IEnumerable<string> NativePaths(JsonElement library, HashSet<string> rids)
    {
        if (library.TryGetProperty("native", out var native))
            foreach (var asset in native.EnumerateObject()) yield return asset.Name;
        if (!library.TryGetProperty("runtimeTargets", out var runtimeTargets)) yield break;
        foreach (var asset in runtimeTargets.EnumerateObject())
        {
            if (asset.Value.TryGetProperty("assetType", out var type) && type.GetString() == "native"
                && asset.Value.TryGetProperty("rid", out var rid) && rids.Contains(rid.GetString() ?? ""))
                yield return asset.Name;
        }
    }

    private static HashSet<string> Rids()
    {
        // A distribution's runtime names itself (e.g. ubuntu.24.04-x64); packages use the portable names.
        var arch = RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant();
        var rids = new HashSet<string>(StringComparer.Ordinal) { RuntimeInformation.RuntimeIdentifier };
        if (OperatingSystem.IsLinux()) rids.UnionWith([$"linux-{arch}", "linux", "unix"]);
        else if (OperatingSystem.IsMacOS()) rids.UnionWith([$"osx-{arch}", "osx", "unix"]);
        else if (OperatingSystem.IsWindows()) rids.UnionWith([$"win-{arch}", "win"]);
        return rids;
    }
}
