namespace Valkka.Bench;

/// <summary>Files of the repository the benchmarks run (scripts, C sources), found above the program's folder or the current folder.</summary>
public static class BenchFiles
{
    public static string Find(string relativePath, string optionHint)
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, relativePath);
                if (File.Exists(candidate)) return candidate;
            }
        }
        throw new FileNotFoundException($"{relativePath} not found above {AppContext.BaseDirectory} or {Directory.GetCurrentDirectory()}{optionHint}");
    }

    /// <summary>The repository's root: the folder above the program that holds relativePath.</summary>
    public static string RootHolding(string relativePath)
    {
        string found = Find(relativePath, "");
        return found[..^relativePath.Length].TrimEnd(Path.DirectorySeparatorChar);
    }
}
