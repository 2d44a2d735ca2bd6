using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace Valkka.Actors.Analysis;

/// <summary>
/// Reads what a <see cref="ResultWriter"/> wrote, in the same order, for
/// <see cref="IBinaryResult{TSelf}.Read"/>. Throws <see cref="ResultReadPastEndException"/> when
/// asked for more than the bytes hold.
/// </summary>
public ref struct ResultReader
{
    private readonly ReadOnlySpan<byte> _buffer;
    private int _position;

    public ResultReader(ReadOnlySpan<byte> buffer) => _buffer = buffer;

    /// <summary>Bytes read so far.</summary>
    public readonly int Position => _position;

    /// <summary>Bytes not read yet.</summary>
    public readonly int Remaining => _buffer.Length - _position;

    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    public float ReadSingle() => BinaryPrimitives.ReadSingleLittleEndian(Take(4));

    public double ReadDouble() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8));

    public string ReadString() => Encoding.UTF8.GetString(Take(ReadLength()));

    public float[] ReadSingles()
    {
        int count = ReadLength();
        var source = Take(checked(count * sizeof(float)));
        var values = new float[count];
        if (BitConverter.IsLittleEndian)
        {
            source.CopyTo(MemoryMarshal.AsBytes(values.AsSpan()));
            return values;
        }
        for (int i = 0; i < count; i++)
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(source[(i * sizeof(float))..]);
        return values;
    }

    internal byte ReadByte() => Take(1)[0];

    /// <summary>The LEB128 written by <see cref="ResultWriter.WriteLength"/>.</summary>
    internal int ReadLength()
    {
        uint value = 0;
        for (int shift = 0; shift < 35; shift += 7)
        {
            byte b = ReadByte();
            value |= (uint)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                if (value > int.MaxValue) break;
                return (int)value;
            }
        }
        throw new InvalidDataException($"A length at offset {_position} of the encoded bytes is malformed.");
    }

    internal ReadOnlySpan<byte> ReadBytes(int count) => Take(count);

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > _buffer.Length - _position) throw new ResultReadPastEndException(count, _position, _buffer.Length);
        var span = _buffer.Slice(_position, count);
        _position += count;
        return span;
    }
}
