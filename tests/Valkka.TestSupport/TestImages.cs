namespace Valkka.TestSupport;

/// <summary>
/// Real photos from Debian's python3-skimage package (astronaut.png: a portrait, 512x512;
/// chelsea.png: a cat, 451x300), fetched once with `apt-get download` and unpacked with `dpkg -x`
/// (nothing is installed), cached in ${XDG_CACHE_HOME:-~/.cache}/valkka/testdata.
/// </summary>
public static class TestImages
{
    private static readonly Lock Gate = new();

    public static string Astronaut => Get("astronaut.png");
    public static string Chelsea => Get("chelsea.png");

    public static string CacheDirectory
    {
        get
        {
            var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            if (string.IsNullOrEmpty(cache))
                cache = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
            return Path.Combine(cache, "valkka", "testdata");
        }
    }

    private static string Get(string name)
    {
        var path = Path.Combine(CacheDirectory, name);
        lock (Gate)
        {
            if (File.Exists(path)) return path;
            Fetch();
            if (!File.Exists(path))
                throw new FileNotFoundException($"python3-skimage did not contain skimage/data/{name}", path);
            return path;
        }
    }

    private static void Fetch()
    {
        var work = Directory.CreateTempSubdirectory("valkka-skimage-");
        try
        {
            Run("apt-get", work.FullName, "download", "python3-skimage");
            var deb = Directory.GetFiles(work.FullName, "python3-skimage_*.deb").FirstOrDefault()
                      ?? throw new FileNotFoundException("apt-get download python3-skimage produced no .deb");
            Run("dpkg", work.FullName, "-x", deb, Path.Combine(work.FullName, "x"));
            var data = Directory.GetDirectories(Path.Combine(work.FullName, "x"), "data", SearchOption.AllDirectories)
                .FirstOrDefault(d => d.EndsWith(Path.Combine("skimage", "data")))
                ?? throw new DirectoryNotFoundException("python3-skimage has no skimage/data folder");
            Directory.CreateDirectory(CacheDirectory);
            foreach (var name in new[] { "astronaut.png", "chelsea.png" })
            {
                var temp = Path.Combine(CacheDirectory, name + ".tmp");
                File.Copy(Path.Combine(data, name), temp, overwrite: true);
                File.Move(temp, Path.Combine(CacheDirectory, name), overwrite: true);
            }
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static void Run(string file, string workingDirectory, params string[] args) =>
        ChildProcess.Run(file, args, TimeSpan.FromMinutes(10), new ChildProcessOptions(WorkingDirectory: workingDirectory))
            .ThrowIfFailed("the test images need Debian's package mirror once");
}
