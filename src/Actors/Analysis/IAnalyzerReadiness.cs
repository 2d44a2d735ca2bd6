namespace Valkka.Actors.Analysis;

/// <summary>
/// An analyzer that is not always ready (a Python analyzer while its worker starts or restarts): its client
/// or master asks before it takes a frame, and counts a frame that comes while it is not ready as skipped
/// (not analyzed, no lease taken).
/// </summary>
internal interface IAnalyzerReadiness
{
    /// <summary>True when a frame can be analyzed now; otherwise a start is under way (asking may begin one).</summary>
    bool IsReady();

    /// <summary>What the analyzer waits for while it is not ready, for the status (null: ready).</summary>
    string? Waiting { get; }
}
