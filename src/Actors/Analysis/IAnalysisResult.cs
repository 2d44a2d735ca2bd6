namespace Valkka.Actors.Analysis;

/// <summary>
/// Marker for results that travel between actors. Implement it with an immutable record; the
/// serializer accepts every IAnalysisResult type of the assemblies a topology loads analyzers from.
/// </summary>
public interface IAnalysisResult;
