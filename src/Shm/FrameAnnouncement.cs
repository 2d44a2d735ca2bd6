namespace Valkka.Shm;

/// <summary>A committed frame as the ring's doorbell announces it: its slot and its (even) sequence.</summary>
public readonly record struct FrameAnnouncement(int Slot, long Sequence)
{
    internal static FrameAnnouncement Unpack(long packed) => new((int)(packed & 0xFFFF), packed >> 16);

    internal static long Pack(int slot, long sequence) => (sequence << 16) | (uint)slot;
}
