using System.Buffers;

namespace Valkka.Samples;

/// <summary>
/// The zlib stream of a PNG's image data, written to the output as IDAT chunks of at most ChunkSize
/// bytes as it comes: a snapshot no longer collects its whole compressed image (megabytes, on the
/// large-object heap) before writing it. The buffer is rented and returned on dispose.
/// </summary>
internal sealed class PngIdatStream(Stream output) : Stream
{
    public const int ChunkSize = 1 << 16;

    private byte[]? _buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
    private int _length;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> data)
    {
        var buffer = _buffer ?? throw new ObjectDisposedException(nameof(PngIdatStream));
        while (!data.IsEmpty)
        {
            var n = Math.Min(data.Length, ChunkSize - _length);
            data[..n].CopyTo(buffer.AsSpan(_length));
            _length += n;
            data = data[n..];
            if (_length == ChunkSize) EmitChunk();
        }
    }

    /// <summary>Nothing is written early: a chunk goes out when it is full, or the last one on dispose.</summary>
    public override void Flush() { }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && _buffer is { } buffer)
        {
            if (_length > 0) EmitChunk();
            _buffer = null;
            ArrayPool<byte>.Shared.Return(buffer);
        }
        base.Dispose(disposing);
    }

    private void EmitChunk()
    {
        PngChunk.Write(output, "IDAT"u8, _buffer.AsSpan(0, _length));
        _length = 0;
    }
}
