namespace Valkka.Shm;

/// <summary>
/// The slot a writer fills between <see cref="FrameRingWriter.TryBeginWrite"/> and
/// <see cref="FrameRingWriter.Commit"/>. Valid for one frame only.
/// </summary>
public readonly unsafe struct SlotWriter
{
    internal SlotWriter(int slot, byte* data, int capacity)
    {
        Slot = slot;
        Data = data;
        Capacity = capacity;
    }

    public int Slot { get; }

    /// <summary>The slot payload, page aligned, <see cref="Capacity"/> bytes.</summary>
    public byte* Data { get; }

    public int Capacity { get; }

    public Span<byte> Span => new(Data, Capacity);
}
