namespace Valkka.Actors.Analysis;

/// <summary>An analyzer setting is missing a value of the asked type; the message names the key.</summary>
public sealed class AnalyzerSettingsException(string message, Exception? inner = null) : Exception(message, inner);
