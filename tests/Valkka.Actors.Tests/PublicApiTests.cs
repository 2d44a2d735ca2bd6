using System.Reflection;
using Valkka.Actors.Tests.Support;

namespace Valkka.Actors.Tests;

/// <summary>
/// The public surface of the libraries users build on is checked in (tests/PublicApi/*.txt), so it
/// changes only on purpose: a change fails here until the file is updated with it. Run with
/// VALKKA_ACCEPT_API=1 to write the new surface into the file, then review the diff.
/// </summary>
public class PublicApiTests
{
    [Theory]
    [InlineData("Valkka.Shm")]
    [InlineData("Valkka.Media")]
    [InlineData("Valkka.Actors")]
    public void Public_surface_matches_the_checked_in_file(string assemblyName)
    {
        var assembly = Assembly.Load(assemblyName);
        var actual = PublicSurface.Describe(assembly);
        var file = Path.Combine(RepoPaths.Root, "tests", "PublicApi", assemblyName + ".txt");
        if (Environment.GetEnvironmentVariable("VALKKA_ACCEPT_API") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, actual);
        }
        var expected = File.Exists(file) ? File.ReadAllText(file) : "";
        var added = Qualified(actual).Except(Qualified(expected)).ToList();
        var removed = Qualified(expected).Except(Qualified(actual)).ToList();
        Assert.True(actual == expected,
            $"The public API of {assemblyName} changed; if on purpose, run the tests with VALKKA_ACCEPT_API=1 and commit {file}.\n" +
            $"Added:\n  {string.Join("\n  ", added)}\nRemoved:\n  {string.Join("\n  ", removed)}");
    }

    /// <summary>Each member line prefixed with its type, so that lines alike in two types stay apart.</summary>
    private static IEnumerable<string> Qualified(string surface)
    {
        var type = "";
        foreach (var line in surface.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!line.StartsWith(' ')) type = line;
            yield return line.StartsWith(' ') ? type + " ::" + line.TrimStart() : line;
        }
    }
}
