namespace Valkka.TestSupport;

/// <summary>Folders of the repository, found from the test binary's location.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();
    public static string Hocon => Path.Combine(Root, "hocon");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Valkka.Actors.sln"))) return dir.FullName;
        throw new InvalidOperationException("cannot find the repository root (Valkka.Actors.sln) above " + AppContext.BaseDirectory);
    }
}
