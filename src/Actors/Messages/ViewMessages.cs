namespace Valkka.Actors.Messages;

// The view conversation: a watcher (the live view) asks a master for the boxes its analyzer finds.

/// <summary>
/// The sender wants the boxes of the master's results (those that are an IBoxesResult) for
/// <see cref="ResultWatchLease"/>; it sends this again before then to keep watching.
/// </summary>
public sealed record WatchResults(string WatcherId);

/// <summary>A box in frame pixel coordinates (top-left corner, size) with its score.</summary>
public sealed record ResultBox(float X, float Y, float Width, float Height, float Score);

/// <summary>The boxes a master found in frame Sequence of CameraId (possibly none).</summary>
public sealed record WatchedBoxes(string MasterId, string CameraId, long Sequence, ResultBox[] Boxes);

/// <summary>How long a WatchResults holds.</summary>
public static class ResultWatchLease
{
    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(10);
}
