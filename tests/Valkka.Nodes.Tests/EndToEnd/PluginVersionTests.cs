using Valkka.Nodes.Tests.Support;

namespace Valkka.Nodes.Tests.EndToEnd;

/// <summary>
/// Two plugins whose folders hold different versions of one package (Humanizer.Core 2.14.1 and
/// 3.0.10, which the program does not have) run side by side in one node, each with its own.
/// </summary>
[Trait("Speed", "Slow")]
public class PluginVersionTests
{
    private static readonly string Plugins = Path.Combine(RepoPaths.Root, "artifacts", "test-plugins");

    [Fact]
    public async Task Two_plugins_with_different_versions_of_one_package_run_in_one_node()
    {
        using var temp = new TempDirectory();
        var topology = temp.File("versions.conf");
        File.WriteAllText(topology, $$"""
            valkka {
              nodes { cameras { port = 1 }
                      work { port = 2 } }
              cameras.cam1 { url = "pattern://?size=320x240&fps=25", node = cameras }
              clients {
                old { node = work, cameras = [cam1], analyzer { type = "{{Type("HumanizerOld")}}", path = "{{Path.Combine(Plugins, "Valkka.TestPlugin.HumanizerOld")}}", settings.report = "{{temp.File("old.txt")}}" } }
                new { node = work, cameras = [cam1], analyzer { type = "{{Type("HumanizerNew")}}", path = "{{Path.Combine(Plugins, "Valkka.TestPlugin.HumanizerNew")}}", settings.report = "{{temp.File("new.txt")}}" } }
              }
            }
            """);

        var (code, output) = await ValkkaCli.RunAsync(RunChecks.RunDeadline, "run", topology, "--duration", "5s", "--free-ports", "--no-table");

        Assert.True(code == 0, $"valkka run exited with {code}:\n{output}");
        Assert.True(File.Exists(temp.File("old.txt")) && File.Exists(temp.File("new.txt")), "a plugin did not report:\n" + output);
        // Each wrote the version of the Humanizer assembly it loaded and what it made of "frame_from_camera".
        Assert.Equal("2.14.0.0 frame from camera", File.ReadAllText(temp.File("old.txt")));
        Assert.Matches(@"^3\.0\.\d+\.\d+ frame from camera$", File.ReadAllText(temp.File("new.txt")).ToLowerInvariant());
    }

    private static string Type(string plugin) => $"Valkka.TestPlugin.HumanizerVersionAnalyzer, Valkka.TestPlugin.{plugin}";
}
