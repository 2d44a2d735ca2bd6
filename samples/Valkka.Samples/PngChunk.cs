using System.Buffers.Binary;

namespace Valkka.Samples;

/// <summary>One PNG chunk: length, type, data and the CRC of type and data (<see cref="Crc32"/>).</summary>
internal static class PngChunk
{
    public static void Write(Stream output, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        output.Write(word);
        output.Write(type);
        output.Write(data);
        var crc = Crc32.Finish(Crc32.Append(Crc32.Append(Crc32.Start, type), data));
        BinaryPrimitives.WriteUInt32BigEndian(word, crc);
        output.Write(word);
    }
}
