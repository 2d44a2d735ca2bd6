namespace Valkka.Chaos.Tests;

/// <summary>hocon/main3.conf at 640x360 under a topology name of its own, its analyzer paths made absolute, written into a folder.</summary>
internal static class SmallMain3
{
    public static string Write(TempDirectory folder, string name)
    {
        var file = folder.File("main3.conf");
        File.WriteAllText(file, File.ReadAllText(Path.Combine(RepoPaths.Hocon, "main3.conf"))
            .Replace("size=1280x720", "size=640x360")
            .Replace("path = \"../", $"path = \"{RepoPaths.Root}/") + $"\nvalkka.name = {name}\n");
        return file;
    }
}
