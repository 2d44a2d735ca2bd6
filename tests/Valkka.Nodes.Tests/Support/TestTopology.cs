using System.Text;

namespace Valkka.Nodes.Tests.Support;

/// <summary>
/// A copy of a shipped topology in a temp folder, with a unique name (so its rings never collide
/// with other runs), its analyzer paths made absolute (they are relative to the file) and overrides
/// appended (HOCON lets a later key replace an earlier one): test runs use modest camera sizes.
/// Dispose removes the folder and any ring the run left behind (tests assert that there is none
/// before that).
/// </summary>
public sealed class TestTopology : IDisposable
{
    public const string TestSize = "640x360";

    private TestTopology(string name, string path, string directory)
    {
        Name = name;
        Path = path;
        Directory = directory;
    }

    public string Name { get; }
    public string Path { get; }
    public string Directory { get; }
    public string SummaryPath => System.IO.Path.Combine(Directory, "summary.json");
    public string LogPath => System.IO.Path.Combine(Directory, "run.log");

    /// <summary>hocon/NAME.conf with its synthetic cameras at 640x360 and the given extra HOCON.</summary>
    public static TestTopology FromShipped(string shipped, string extraHocon = "")
    {
        var name = TopologyRings.NewName();
        var directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "valkka-tests", name);
        System.IO.Directory.CreateDirectory(directory);
        var text = new StringBuilder(File.ReadAllText(System.IO.Path.Combine(RepoPaths.Hocon, shipped + ".conf")))
            .Replace("size=1280x720", "size=" + TestSize)
            .Replace("path = \"../", $"path = \"{RepoPaths.Root}/")
            .AppendLine()
            .AppendLine($"valkka.name = {name}")
            .AppendLine(extraHocon)
            .ToString();
        var path = System.IO.Path.Combine(directory, shipped + ".conf");
        File.WriteAllText(path, text);
        return new TestTopology(name, path, directory);
    }

    /// <summary>A topology the test writes itself (valkka.name is set to a unique one after it; "$ROOT" stands for the repository's folder).</summary>
    public static TestTopology FromText(string fileName, string hocon)
    {
        var name = TopologyRings.NewName();
        var directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "valkka-tests", name);
        System.IO.Directory.CreateDirectory(directory);
        var path = System.IO.Path.Combine(directory, fileName);
        File.WriteAllText(path, hocon.Replace("$ROOT", RepoPaths.Root) + $"\nvalkka.name = {name}\n");
        return new TestTopology(name, path, directory);
    }

    /// <summary>The rings of this topology that are in /dev/shm now.</summary>
    public IReadOnlyList<string> RingsLeft() => TopologyRings.Left(Name);

    public void Dispose()
    {
        TopologyRings.Remove(Name);
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}
