using System.Text.Json;
using System.Text.RegularExpressions;

namespace Valkka.Nodes.Tests.EndToEnd;

/// <summary>
/// Runs the README's "Write your own analyzer" commands as they are, in a clean folder: the packages
/// and the template from the local feed (artifacts/packages), the new project restored with a NuGet
/// cache and a template hive of its own (no stale Valkka package can be used), its unit test, and
/// `valkka run` of its topology, which must analyze frames and report results.
/// </summary>
[Trait("Speed", "Slow")]
public partial class AnalyzerTemplateTests
{
    [GeneratedRegex(@"^## Write your own analyzer\n.*?^```bash\n(.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Commands();

    [Fact]
    public void The_readme_commands_make_an_analyzer_project_that_tests_and_runs()
    {
        using var temp = new TempDirectory();
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
        var commands = Commands().Match(readme);
        Assert.True(commands.Success, "README.md has no bash block under \"## Write your own analyzer\"");
        var summary = temp.File("summary.json");
        var lines = commands.Groups[1].Value.Split('\n', 2);
        Assert.StartsWith("scripts/pack ", lines[0]);
        // A 4 s run shows frames analyzed and results as well as the README's 10 s. The run uses this
        // build's valkka program: ./valkka would first publish its own ReadyToRun copy, a minute or
        // two of a clean checkout's CI spent on what this test is not about.
        Assert.Contains("\n./valkka run ", lines[1]);
        var script = lines[1].Replace("../Acme.Motion", temp.File("Acme.Motion"))
            .Replace("\n./valkka run ", $"\ndotnet {Path.Combine(AppContext.BaseDirectory, "valkka.dll")} run ")
            .Replace("--duration 10s --free-ports\n", $"--duration 4s --free-ports --summary-json {summary}\n");
        Assert.Contains("--summary-json", script);

        // Packing restores what the libraries use, from the machine's cache; only the new project
        // restores into a cache of its own, where no Valkka package can have been cached before.
        ChildProcess.Run("bash", ["-euo", "pipefail", "-c", lines[0]], TimeSpan.FromMinutes(6),
            new ChildProcessOptions(new Dictionary<string, string> { ["DOTNET_NOLOGO"] = "1" }, RepoPaths.Root)).ThrowIfFailed("the README's scripts/pack");
        var environment = new Dictionary<string, string>
        {
            ["DOTNET_CLI_HOME"] = temp.File("home"),      // the template hive
            ["NUGET_PACKAGES"] = temp.File("nuget"),      // no Valkka package cached before
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
        };

        var result = ChildProcess.Run("bash", ["-euo", "pipefail", "-c", script], TimeSpan.FromMinutes(12),
            new ChildProcessOptions(environment, RepoPaths.Root));

        result.ThrowIfFailed("the README's \"Write your own analyzer\" commands");
        Assert.True(Directory.Exists(Path.Combine(temp.File("nuget"), "valkka.actors", "0.1.0")), "Valkka.Actors was not restored into the test's own cache");
        using var json = JsonDocument.Parse(File.ReadAllText(summary));
        var client = json.RootElement.GetProperty("clients").GetProperty("motion");
        Assert.True(client.GetProperty("analyzed").GetInt64() > 0, client.ToString());
        Assert.True(client.GetProperty("results").GetInt64() > 0, client.ToString());
    }
}
