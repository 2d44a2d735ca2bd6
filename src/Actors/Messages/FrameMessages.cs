namespace Valkka.Actors.Messages;

// The frames conversation: references to frames that stay in a ring, and credit going back.

/// <summary>
/// A frame in a ring: Ring is the ring file's path (the camera's ring, or a client's own ring for a
/// derived frame, whose CameraId still names the camera it came from). StreamFrameIndex: the
/// decoder's index of the picture (-1: unknown); (CameraId, StreamFrameIndex) names the same picture
/// on every host, where (Ring, Sequence) names a ring's slot contents on one host.
/// </summary>
public sealed record FrameRef(string CameraId, string Ring, int Slot, long Sequence, long TimestampMs, int Width, int Height,
    long StreamFrameIndex = -1);

/// <summary>A camera tells one reader about a frame; SkippedBefore frames were dropped for it since the last one (latest wins).</summary>
public sealed record FrameAvailable(FrameRef Frame, long SkippedBefore);

/// <summary>A reader finished Count frames of CameraId and may receive that many more.</summary>
public sealed record ReturnCredit(string CameraId, int Count);

/// <summary>
/// Ask a camera for the counters it keeps for one reader (or, with null, for every reader). For a
/// reader that watches the ring's doorbell the camera only keeps the index; its counts are in the
/// client's ClientCameraDetails.WatcherCounters.
/// </summary>
public sealed record GetReaderCounters(string? ReaderId);

/// <summary>What a camera counted for one reader since it subscribed: Published = Sent + Skipped + Pending.</summary>
public sealed record ReaderCounters(string ReaderId, int ReaderIndex, long Published, long Sent, long Skipped, int Pending, int Credit);

/// <summary>The answer to GetReaderCounters.</summary>
public sealed record ReaderCountersList(string CameraId, IReadOnlyList<ReaderCounters> Readers);
