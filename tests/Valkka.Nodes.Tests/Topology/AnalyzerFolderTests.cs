using System.Runtime.Loader;
using Valkka.Actors.Analysis;
using Valkka.Actors.Analysis.Loading;
using Valkka.Actors.Topology;
using Valkka.Nodes.Tests.Support;

namespace Valkka.Nodes.Tests.Topology;

/// <summary>
/// analyzer.path: the folder an analyzer's assembly is loaded from, in a load context of its own,
/// with the framework's types shared with this process. The samples' build folder is the real one.
/// </summary>
public class AnalyzerFolderTests
{
    private const string Statistics = "Valkka.Samples.FrameStatisticsAnalyzer, Valkka.Samples";
    private static readonly string SamplesFolder = Path.Combine(RepoPaths.Root, "artifacts", "samples", "Valkka.Samples");

    private static string WithClientAnalyzer(string analyzerKeys) =>
        Topologies.Valid().Replace($"type = \"{Topologies.FrameAnalyzer}\"", analyzerKeys);

    [Fact]
    public void A_relative_path_is_relative_to_the_topology_file()
    {
        var text = WithClientAnalyzer($"type = \"{Statistics}\", path = \"../artifacts/samples/Valkka.Samples\"");
        var parsed = TopologyParser.Parse(text, "unit", Path.Combine(RepoPaths.Hocon, "unit.conf"));

        Assert.Equal(SamplesFolder, parsed.Topology!.Clients.Single().Analyzer.AssemblyFolder);
        Assert.Null(parsed.Topology.Masters.Single().Analyzer.AssemblyFolder);
    }

    [Fact]
    public void A_folder_that_does_not_exist_is_reported_at_the_path_key()
    {
        var missing = Path.Combine(Path.GetTempPath(), "valkka-no-such-folder-" + Guid.NewGuid().ToString("N"));
        var text = WithClientAnalyzer($"type = \"{Statistics}\", path = \"{missing}\"");

        Assert.Equal([$"valkka.clients.c1.analyzer.path: folder \"{missing}\" does not exist (is the analyzer's project built?)"],
            Topologies.Errors(text));
    }

    [Fact]
    public void A_type_whose_assembly_is_not_in_the_folder_is_reported_at_the_type_key()
    {
        var text = WithClientAnalyzer($"type = \"Acme.Yolo, Acme.Vision\", path = \"{SamplesFolder}\"");

        Assert.Equal([$"valkka.clients.c1.analyzer.type: cannot load type \"Acme.Yolo, Acme.Vision\": assembly \"Acme.Vision\" not found in {SamplesFolder}"],
            Topologies.Errors(text));
    }

    [Fact]
    public void An_empty_path_is_reported()
    {
        var text = WithClientAnalyzer($"type = \"{Statistics}\", path = \"\"");

        Assert.Equal(["valkka.clients.c1.analyzer.path: must not be empty"], Topologies.Errors(text));
    }

    [Fact]
    public void The_folder_loads_in_its_own_context_with_the_framework_types_of_this_process()
    {
        var analyzer = new AnalyzerDefinition(Statistics, Akka.Configuration.Config.Empty, SamplesFolder);

        var type = AnalyzerTypeLoader.TryLoad(analyzer, typeof(IFrameAnalyzer), out var problem);

        Assert.True(type is not null, problem);
        Assert.NotSame(AssemblyLoadContext.Default, AssemblyLoadContext.GetLoadContext(type.Assembly));
        Assert.Equal(Path.Combine(SamplesFolder, "Valkka.Samples.dll"), type.Assembly.Location);
        Assert.IsAssignableFrom<IFrameAnalyzer>(AnalyzerFactory.Create<IFrameAnalyzer>(Statistics, null));
        // The actors and the serializer name types; the default context finds the folder's assembly.
        Assert.Same(type.Assembly, Type.GetType("Valkka.Samples.FrameStatistics, Valkka.Samples")?.Assembly);
    }

    [Fact]
    public void A_dependency_missing_from_the_folder_is_reported_by_name()
    {
        using var folder = new TempDirectory();
        var faces = Path.Combine(RepoPaths.Root, "artifacts", "samples", "Valkka.Samples.Faces");
        foreach (var file in Directory.GetFiles(faces).Where(f => Path.GetFileName(f) != "Microsoft.ML.OnnxRuntime.dll"))
            File.Copy(file, Path.Combine(folder.Path, Path.GetFileName(file)));
        const string type = "Valkka.Samples.Faces.FaceDetectionBatchAnalyzer, Valkka.Samples.Faces";
        var text = Topologies.Valid().Replace($"type = \"{Topologies.BatchAnalyzer}\"", $"type = \"{type}\", path = \"{folder.Path}\"");

        var error = Assert.Single(Topologies.Errors(text));

        Assert.StartsWith($"valkka.masters.m1.analyzer.type: cannot load type \"{type}\": assembly \"Valkka.Samples.Faces\" needs \"Microsoft.ML.OnnxRuntime\" (version ", error);
        Assert.Contains($"which is neither in {folder.Path} nor in the program", error);
    }

    [Fact]
    public void A_native_library_missing_from_the_folder_is_reported_by_path_and_package()
    {
        using var folder = new TempDirectory();
        var faces = Path.Combine(RepoPaths.Root, "artifacts", "samples", "Valkka.Samples.Faces");
        foreach (var file in Directory.GetFiles(faces, "*", SearchOption.AllDirectories).Where(f => Path.GetFileName(f) != "libonnxruntime.so"))
        {
            var copy = Path.Combine(folder.Path, Path.GetRelativePath(faces, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.CreateSymbolicLink(copy, file);   // the folder's files without copying 250 MB
        }
        const string type = "Valkka.Samples.Faces.FaceDetectionBatchAnalyzer, Valkka.Samples.Faces";
        var text = Topologies.Valid().Replace($"type = \"{Topologies.BatchAnalyzer}\"", $"type = \"{type}\", path = \"{folder.Path}\"");

        Assert.Equal([$"valkka.masters.m1.analyzer.type: cannot load type \"{type}\": assembly \"Valkka.Samples.Faces\" needs the native library " +
                      $"runtimes/linux-{System.Runtime.InteropServices.RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant()}/native/libonnxruntime.so (Microsoft.ML.OnnxRuntime/1.31.1), which is not in {folder.Path}"],
            Topologies.Errors(text));
    }
}
