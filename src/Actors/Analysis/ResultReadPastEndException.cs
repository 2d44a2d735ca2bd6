namespace Valkka.Actors.Analysis;

/// <summary>A <see cref="ResultReader"/> was asked for more than its bytes hold: Read does not match Write.</summary>
public sealed class ResultReadPastEndException(int needed, int position, int length)
    : Exception($"Read past the end of the encoded bytes: {needed} bytes wanted at offset {position} of {length}.");
