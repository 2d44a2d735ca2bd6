namespace Valkka.Actors.Analysis;

/// <summary>What a <see cref="ResultWriter"/> was asked to write does not fit the space it writes into.</summary>
public sealed class ResultWriterFullException(int needed, int left)
    : Exception($"The encoding needs {needed} more bytes but only {left} are left in the entry.");
