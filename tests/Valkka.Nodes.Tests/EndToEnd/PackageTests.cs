using System.Text.Json;

namespace Valkka.Nodes.Tests.EndToEnd;

/// <summary>
/// scripts/package makes the tarball a second host installs (docs/multi-host.md): unpacked in a clean
/// folder, with a PATH that holds no dotnet (only the shell tools its scripts use and ffmpeg, which its
/// install-deps installs), it validates and runs main3 from its own hocon/ with its own sample
/// analyzers, and its Python package loads its own libvalkka.so.
/// </summary>
[Trait("Speed", "Slow")]
public class PackageTests
{
    private static readonly string[] Tools = ["bash", "dirname", "readlink", "dpkg-query", "grep", "id", "uname", "flock", "sed", "cat", "ffmpeg"];

    [Fact]
    public void The_package_runs_a_topology_without_the_repository_or_an_sdk()
    {
        using var temp = new TempDirectory();
        ChildProcess.Run(Path.Combine(RepoPaths.Root, "scripts", "package"), ["--output", temp.File("out")], TimeSpan.FromMinutes(8),
            new ChildProcessOptions(WorkingDirectory: RepoPaths.Root)).ThrowIfFailed("scripts/package");
        var tarball = Assert.Single(Directory.GetFiles(temp.File("out"), "valkka-*-linux-*.tar.gz"));
        Directory.CreateDirectory(temp.File("host"));
        ChildProcess.Run("tar", ["-C", temp.File("host"), "-xzf", tarball], TimeSpan.FromMinutes(2)).ThrowIfFailed("tar");
        var package = Assert.Single(Directory.GetDirectories(temp.File("host")));
        Assert.False(Directory.Exists(Path.Combine(package, "src")), "the package holds the sources");

        var tools = Directory.CreateDirectory(temp.File("tools")).FullName;
        foreach (var tool in Tools) File.CreateSymbolicLink(Path.Combine(tools, tool), Which(tool));
        var environment = new Dictionary<string, string> { ["PATH"] = tools, ["HOME"] = temp.Path, ["DOTNET_ROOT"] = temp.File("no-dotnet") };
        var options = new ChildProcessOptions(environment, package);
        var launcher = Path.Combine(package, "valkka");

        var topology = TopologyRings.NewName();
        var file = Path.Combine(package, "hocon", $"{topology}.conf");
        File.WriteAllText(file, File.ReadAllText(Path.Combine(package, "hocon", "main3.conf")).Replace("name = main3", $"name = {topology}"));
        try
        {
            var validate = ChildProcess.Run(launcher, ["validate", file], TimeSpan.FromMinutes(1), options);
            validate.ThrowIfFailed("valkka validate from the package");
            Assert.Contains("OK", validate.Output);

            var summary = temp.File("summary.json");
            ChildProcess.Run(launcher, ["run", file, "--duration", "5s", "--free-ports", "--no-table", "--summary-json", summary],
                TimeSpan.FromMinutes(3), options).ThrowIfFailed("valkka run from the package");
            using var json = JsonDocument.Parse(File.ReadAllText(summary));
            foreach (var client in new[] { "c1", "c2", "c3" })
            {
                var row = json.RootElement.GetProperty("clients").GetProperty(client);
                Assert.True(row.GetProperty("analyzed").GetInt64() > 0, $"{client}: {row}");
            }
            Assert.True(json.RootElement.GetProperty("masters").GetProperty("heavy").GetProperty("results").GetInt64() > 0,
                json.RootElement.GetProperty("masters").ToString());
            Assert.Empty(TopologyRings.Left(topology));

            var python = ChildProcess.Run("/usr/bin/python3", ["-c", "import valkka._native as n; n.lib(); print(n.library_path())"], TimeSpan.FromMinutes(1),
                new ChildProcessOptions(new Dictionary<string, string> { ["PYTHONPATH"] = Path.Combine(package, "python") }, temp.Path));
            python.ThrowIfFailed("the packaged Python package");
            Assert.Equal(Path.Combine(package, "artifacts", "native", "libvalkka.so"), python.Output.Trim());
        }
        finally
        {
            TopologyRings.Remove(topology);
        }
    }

    private static string Which(string tool) =>
        new[] { "/usr/bin", "/bin", "/usr/sbin", "/sbin" }.Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException($"{tool} is not installed");
}
