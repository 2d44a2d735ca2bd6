using Akka.Configuration;
using Valkka.Actors.Topology;

namespace Valkka.Actors.Analysis.Loading;

/// <summary>What a client's or master's settings say their analyzer is (see <see cref="ConfiguredAnalyzers"/>).</summary>
internal readonly record struct AnalyzerChoice(PythonAnalyzerDefinition? Python, Type? Type, string TypeName, Config Settings,
    string? PythonPackageFolder);
