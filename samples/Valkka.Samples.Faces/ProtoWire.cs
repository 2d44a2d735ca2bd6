namespace Valkka.Samples.Faces;

/// <summary>One field of a protobuf message: its number, wire type, value, and its whole encoding (key included).</summary>
internal readonly record struct ProtoField(int Number, int WireType, ulong Varint, ReadOnlyMemory<byte> Bytes, ReadOnlyMemory<byte> Raw)
{
    public string Text => System.Text.Encoding.UTF8.GetString(Bytes.Span);
}

/// <summary>
/// The protobuf wire format, just enough to read an ONNX model and write an edited copy
/// (no schema: fields are kept as they are unless the caller replaces them).
/// </summary>
internal static class ProtoWire
{
    public static List<ProtoField> Read(ReadOnlyMemory<byte> message)
    {
        var fields = new List<ProtoField>();
        var span = message.Span;
        var i = 0;
        while (i < span.Length)
        {
            var start = i;
            var key = ReadVarint(span, ref i);
            var number = (int)(key >> 3);
            var wire = (int)(key & 7);
            ulong varint = 0;
            ReadOnlyMemory<byte> bytes = default;
            switch (wire)
            {
                case 0: varint = ReadVarint(span, ref i); break;
                case 1: bytes = message.Slice(i, 8); i += 8; break;
                case 2:
                    var length = checked((int)ReadVarint(span, ref i));
                    bytes = message.Slice(i, length);
                    i += length;
                    break;
                case 5: bytes = message.Slice(i, 4); i += 4; break;
                default: throw new InvalidDataException($"protobuf: unsupported wire type {wire} at byte {start}");
            }
            if (i > span.Length) throw new InvalidDataException("protobuf: field runs past the end of the message");
            fields.Add(new ProtoField(number, wire, varint, bytes, message[start..i]));
        }
        return fields;
    }

    public static ulong ReadVarint(ReadOnlySpan<byte> span, ref int i)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (i >= span.Length) throw new InvalidDataException("protobuf: truncated varint");
            var b = span[i++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return value;
        }
        throw new InvalidDataException("protobuf: varint longer than 10 bytes");
    }

    public static void WriteVarint(Stream s, ulong value)
    {
        while (value >= 0x80)
        {
            s.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }
        s.WriteByte((byte)value);
    }

    public static void WriteVarintField(Stream s, int number, ulong value)
    {
        WriteVarint(s, (ulong)number << 3);
        WriteVarint(s, value);
    }

    public static void WriteBytesField(Stream s, int number, ReadOnlySpan<byte> value)
    {
        WriteVarint(s, ((ulong)number << 3) | 2);
        WriteVarint(s, (ulong)value.Length);
        s.Write(value);
    }

    public static void WriteStringField(Stream s, int number, string value) =>
        WriteBytesField(s, number, System.Text.Encoding.UTF8.GetBytes(value));

    public static byte[] Build(Action<MemoryStream> write)
    {
        using var ms = new MemoryStream();
        write(ms);
        return ms.ToArray();
    }
}
