namespace Valkka.Shm;

/// <summary>What a ring file's header says, for status tools. Problem is null for a sound ring.</summary>
internal sealed record RingStatus(string Path, int OwnerPid, bool OwnerAlive, int SlotCount, int SlotCapacity,
                                long FramesWritten, long FramesDropped, int RegisteredReaders, string? Problem);
