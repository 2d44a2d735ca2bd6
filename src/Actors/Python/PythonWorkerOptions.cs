using Valkka.Actors.Topology;

namespace Valkka.Actors.Python;

/// <summary>
/// What a Python worker runs: <paramref name="Analyzer"/> (module, folder, interpreter, timeout) in
/// <paramref name="Role"/> ("client" or "master") for <paramref name="OwnerId"/>, with its settings as
/// a JSON object. <paramref name="PackageFolder"/> holds the valkka package (the program's
/// <c>python</c> folder, see <see cref="DefaultPackageFolder"/>).
/// </summary>
internal sealed record PythonWorkerOptions(PythonAnalyzerDefinition Analyzer, string Role, string OwnerId, string SettingsJson,
    TimeSpan AnalyzeTimeout, string PackageFolder)
{
    public const string ClientRole = "client";
    public const string MasterRole = "master";

    /// <summary>The valkka package copied next to the program by the build (python/valkka of the repository).</summary>
    public static string DefaultPackageFolder => Path.Combine(AppContext.BaseDirectory, "python");

    /// <summary>Longest a worker may take to start and import the analyzer's module (numpy, OpenCV, a model).</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Shortest time between two starts of the worker: one that keeps dying is not restarted in a loop.</summary>
    public TimeSpan RestartDelay { get; init; } = TimeSpan.FromMilliseconds(500);
}
