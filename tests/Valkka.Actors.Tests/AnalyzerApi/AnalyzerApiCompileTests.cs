using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Valkka.Actors.Tests.AnalyzerApi;

/// <summary>
/// Compiles analyzer code with Roslyn against the real Valkka.Actors: what the analyzer API lets an
/// analyzer do (only Valkka namespaces and ILogger) and what it refuses (keeping a FrameView).
/// </summary>
public class AnalyzerApiCompileTests
{
    private const string Usings = """
        using Microsoft.Extensions.Logging;
        using Valkka.Actors.Analysis;
        using Valkka.Actors.Messages;
        using Valkka.Shm;
        """;

    [Fact]
    public void An_analyzer_with_settings_logging_and_a_batch_compiles_with_only_Valkka_namespaces()
    {
        var errors = Compile(Usings + """
            public sealed record Mean(double Value) : IAnalysisResult;

            public sealed class Client(AnalyzerSettings settings, ILogger log) : IFrameAnalyzer
            {
                private readonly double _threshold = settings.GetDouble("threshold", 0.5);

                public IAnalysisResult? Analyze(in FrameView frame, IClientContext context)
                {
                    context.Log.LogInformation("{Camera} {Sequence}", frame.CameraId, frame.Sequence);
                    return frame.Row(0)[0] > _threshold ? new Mean(frame.Row(0)[0]) : null;
                }

                public void OnMasterResult(MasterResult result, IClientContext context) => log.LogDebug("{Result}", result.Result);
            }

            public sealed class Master : IBatchAnalyzer
            {
                public void AnalyzeBatch(in FrameBatch frames, System.Span<IAnalysisResult?> results)
                {
                    for (int i = 0; i < frames.Count; i++) results[i] = new Mean(frames[i].Pixels[0]);
                }
            }
            """);

        Assert.Empty(errors);
    }

    [Fact]
    public void Keeping_a_FrameView_in_a_field_does_not_compile()
    {
        var errors = Compile(Usings + """
            public sealed class Keeper : IFrameAnalyzer
            {
                private FrameView _last;

                public IAnalysisResult? Analyze(in FrameView frame, IClientContext context)
                {
                    _last = frame;
                    return null;
                }
            }
            """);

        Assert.Contains(errors, e => e.Id == "CS8345" && e.GetMessage().Contains("FrameView"));
    }

    [Fact]
    public void Keeping_a_FrameView_in_a_lambda_does_not_compile()
    {
        var errors = Compile(Usings + """
            public sealed class Later : IFrameAnalyzer
            {
                private System.Func<long>? _later;

                public IAnalysisResult? Analyze(in FrameView frame, IClientContext context)
                {
                    var copy = frame;
                    _later = () => copy.Sequence;
                    return null;
                }
            }
            """);

        Assert.Contains(errors, e => e.Id == "CS8175");
    }

    private static List<Diagnostic> Compile(string source)
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(path => MetadataReference.CreateFromFile(path));
        var compilation = CSharpCompilation.Create("Snippet",
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest))],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        return compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
    }
}
