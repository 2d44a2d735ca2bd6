namespace Valkka.Shm;

/// <summary>
/// A leased frame: its pixels stay intact until <see cref="FrameRingReader.Release"/>.
/// Do not keep it (or its span) beyond that.
/// </summary>
public readonly unsafe struct FrameLease
{
    internal FrameLease(int slot, long sequence, in FrameInfo info, byte* data, long fileOffset)
    {
        FileOffset = fileOffset;
        Slot = slot;
        Sequence = sequence;
        Info = info;
        Data = data;
    }

    public int Slot { get; }

    public long Sequence { get; }

    public FrameInfo Info { get; }

    public byte* Data { get; }

    /// <summary>Where <see cref="Data"/> lies in the ring file, for a process that maps the file itself.</summary>
    public long FileOffset { get; }

    /// <summary>The frame's <see cref="FrameInfo.Length"/> bytes.</summary>
    public ReadOnlySpan<byte> Pixels => new(Data, Info.Length);
}
