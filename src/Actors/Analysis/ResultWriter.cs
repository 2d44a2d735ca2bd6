using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace Valkka.Actors.Analysis;

/// <summary>
/// Writes little-endian values into a span (a slot of a same-host channel) for
/// <see cref="IBinaryResult{TSelf}.Write"/>. Throws <see cref="ResultWriterFullException"/> when
/// the span is full; the channel then sends the message another way.
/// </summary>
public ref struct ResultWriter
{
    private readonly Span<byte> _buffer;
    private int _position;

    public ResultWriter(Span<byte> buffer) => _buffer = buffer;

    /// <summary>Bytes written so far.</summary>
    public readonly int Position => _position;

    public void WriteInt32(int value) => BinaryPrimitives.WriteInt32LittleEndian(Take(4), value);

    public void WriteInt64(long value) => BinaryPrimitives.WriteInt64LittleEndian(Take(8), value);

    public void WriteSingle(float value) => BinaryPrimitives.WriteSingleLittleEndian(Take(4), value);

    public void WriteDouble(double value) => BinaryPrimitives.WriteDoubleLittleEndian(Take(8), value);

    /// <summary>UTF-8 with its byte count first; null is not allowed.</summary>
    public void WriteString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        int length = Encoding.UTF8.GetByteCount(value);
        WriteLength(length);
        Encoding.UTF8.GetBytes(value, Take(length));
    }

    /// <summary>The element count, then the values; <see cref="ResultReader.ReadSingles"/> gives back a float[].</summary>
    public void WriteSingles(ReadOnlySpan<float> values)
    {
        WriteLength(values.Length);
        var target = Take(checked(values.Length * sizeof(float)));
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.AsBytes(values).CopyTo(target);
            return;
        }
        for (int i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteSingleLittleEndian(target[(i * sizeof(float))..], values[i]);
    }

    internal void WriteByte(byte value) => Take(1)[0] = value;

    /// <summary>LEB128: 7 bits a byte, low bits first.</summary>
    internal void WriteLength(int value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        uint rest = (uint)value;
        while (rest >= 0x80)
        {
            WriteByte((byte)(rest | 0x80));
            rest >>= 7;
        }
        WriteByte((byte)rest);
    }

    internal void WriteBytes(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Take(bytes.Length));

    private Span<byte> Take(int count)
    {
        int left = _buffer.Length - _position;
        if (count > left) throw new ResultWriterFullException(count, left);
        var span = _buffer.Slice(_position, count);
        _position += count;
        return span;
    }
}
