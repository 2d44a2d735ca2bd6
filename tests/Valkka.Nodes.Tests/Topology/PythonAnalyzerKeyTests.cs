using Valkka.Actors.Topology;
using Valkka.Nodes.Tests.Support;

namespace Valkka.Nodes.Tests.Topology;

/// <summary>analyzer { python = "module:Class", path, interpreter, analyze-timeout }: read, resolved against the file, and checked.</summary>
public class PythonAnalyzerKeyTests
{
    private static readonly string Analyzers = Path.Combine(RepoPaths.Root, "tests", "Valkka.Nodes.Tests", "Python", "analyzers");

    private static string WithAnalyzers(string client, string master) => Topologies.Valid()
        .Replace($"type = \"{Topologies.FrameAnalyzer}\"", client)
        .Replace($"analyzer {{ type = \"{Topologies.BatchAnalyzer}\" }}", $"analyzer {{ {master} }}");

    [Fact]
    public void Python_analyzers_are_read_with_their_folder_relative_to_the_file_and_the_defaults()
    {
        var text = WithAnalyzers("python = \"checksum:Checksum\", path = \"../tests/Valkka.Nodes.Tests/Python/analyzers\", analyze-timeout = 250ms",
            "python = \"pkg.faces:Faces\", interpreter = python3");
        var parsed = TopologyParser.Parse(text, "unit", Path.Combine(RepoPaths.Hocon, "unit.conf"));
        Assert.Empty(parsed.Errors);

        var client = parsed.Topology!.Clients.Single().Analyzer;
        Assert.Equal("", client.TypeName);
        Assert.True(client.IsGiven);
        Assert.Equal(new PythonAnalyzerDefinition("checksum:Checksum", Analyzers, PythonAnalyzerDefinition.DefaultInterpreter, TimeSpan.FromMilliseconds(250)),
            client.Python);
        Assert.Equal(3, client.Settings.GetInt("forward-every"));
        var master = parsed.Topology.Masters.Single().Analyzer.Python!;
        Assert.Equal(("pkg.faces", RepoPaths.Hocon, "python3", (TimeSpan?)null), (master.Module, master.Folder, master.Interpreter, master.AnalyzeTimeout));
        Assert.Equal([Path.Combine(RepoPaths.Hocon, "pkg", "faces.py"), Path.Combine(RepoPaths.Hocon, "pkg", "faces", "__init__.py")], master.ModuleFiles);
    }

    [Fact]
    public void A_Python_analyzer_whose_module_and_interpreter_exist_validates()
    {
        Assert.Empty(Topologies.Errors(WithAnalyzers($"python = \"checksum:Checksum\", path = \"{Analyzers}\"",
            $"python = \"checksum:ChecksumBatch\", path = \"{Analyzers}\", analyze-timeout = 2s")));
    }

    [Theory]
    [InlineData("python = \"checksum:Checksum\", type = \"A.B, C\"", "valkka.clients.c1.analyzer.type: give either type (a C# analyzer) or python (a Python analyzer), not both")]
    [InlineData("python = \"checksum\"", "valkka.clients.c1.analyzer.python: \"checksum\" is not \"module:Class\" (e.g. \"motion:Motion\"; the module may be dotted, pkg.motion)")]
    [InlineData("type = \"A.B, C\", interpreter = python3", "valkka.clients.c1.analyzer.interpreter: only a Python analyzer (key python) has this key")]
    [InlineData("python = \"nothere:Thing\", path = \"$A\"", "valkka.clients.c1.analyzer.python: module \"nothere\" not found under \"$A\" (looked for $A/nothere.py and $A/nothere/__init__.py)")]
    [InlineData("python = \"checksum:Checksum\", path = \"$A\", interpreter = /no/such/python3", "valkka.clients.c1.analyzer.interpreter: interpreter \"/no/such/python3\" not found (Debian's is /usr/bin/python3: apt-get install python3-numpy)")]
    public void Mistakes_are_reported_at_their_key(string client, string error)
    {
        var errors = Topologies.Errors(WithAnalyzers(client.Replace("$A", Analyzers), $"python = \"checksum:ChecksumBatch\", path = \"{Analyzers}\""));
        Assert.Contains(error.Replace("$A", Analyzers), errors);
    }

    [Fact]
    public void A_master_s_Python_timeout_must_be_shorter_than_the_master_s_own()
    {
        var text = WithAnalyzers($"python = \"checksum:Checksum\", path = \"{Analyzers}\"",
            $"python = \"checksum:ChecksumBatch\", path = \"{Analyzers}\", analyze-timeout = 30s");
        Assert.Contains("valkka.masters.m1.analyzer.analyze-timeout: 30 s is not shorter than the master's analyze-timeout (30 s): " +
                        "the worker must be stopped before the master gives up on the call", Topologies.Errors(text));
    }
}
