namespace Valkka.Actors.Python;

/// <summary>
/// The messages between a node and its Python worker (python/valkka/worker.py says the same):
/// each is u32 kind, u32 body length, body, little-endian. A frame is one fixed record.
/// </summary>
internal static class WorkerProtocol
{
    public const int HeaderSize = 8;

    // node -> worker
    public const uint Hello = 1;
    public const uint Name = 2;
    public const uint Frames = 3;
    public const uint Ring = 4;

    /// <summary>A RING message's fixed part: u32 id, i32 owner pid, i64 owner start time, i64 created (Unix ms); the path follows.</summary>
    public const int RingNameSize = 4 + 4 + 8 + 8;

    // worker -> node
    public const uint Ready = 1;
    public const uint Fatal = 2;
    public const uint Results = 3;

    /// <summary>
    /// ring name id, camera name id, width, height, stride, format, length, 0 (eight i32), then offset
    /// in the ring file, sequence, stream frame index, capture time (Unix ms), commit ticks (five i64).
    /// </summary>
    public const int FrameRecordSize = 8 * 4 + 5 * 8;

    /// <summary>u8 status, u8 flags, u16 0, u32 length, then length bytes.</summary>
    public const int EntryHeaderSize = 8;

    public const byte StatusNone = 0;
    public const byte StatusResult = 1;
    public const byte StatusError = 2;

    public const byte FlagForward = 1;
}
