using System.Buffers.Binary;

namespace Valkka.Actors.Python;

/// <summary>The entries of a worker's RESULTS message, one per frame sent, in order.</summary>
internal ref struct WorkerReplies(ReadOnlySpan<byte> body)
{
    private ReadOnlySpan<byte> _rest = body;

    public bool TryNext(out byte status, out byte flags, out ReadOnlySpan<byte> payload)
    {
        if (_rest.Length < WorkerProtocol.EntryHeaderSize)
        {
            status = flags = 0;
            payload = default;
            return false;
        }
        status = _rest[0];
        flags = _rest[1];
        int length = checked((int)BinaryPrimitives.ReadUInt32LittleEndian(_rest[4..]));
        if (length > _rest.Length - WorkerProtocol.EntryHeaderSize)
            throw new InvalidDataException($"a worker's result entry of {length} bytes runs past its message");
        payload = _rest.Slice(WorkerProtocol.EntryHeaderSize, length);
        _rest = _rest[(WorkerProtocol.EntryHeaderSize + length)..];
        return true;
    }
}
