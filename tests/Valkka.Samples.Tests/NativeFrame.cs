using System.Runtime.InteropServices;
using Valkka.Actors.Analysis;
using Valkka.Shm;

namespace Valkka.Samples.Tests;

/// <summary>A frame in unmanaged memory (as a ring slot would be), with a FrameView over it.</summary>
public sealed unsafe class NativeFrame : IDisposable
{
    public NativeFrame(int width, int height, PixelFormat format = PixelFormat.Rgb24, int? stride = null, int? length = null)
    {
        var bpp = format switch { PixelFormat.Gray8 => 1, PixelFormat.Float32Rgb => 12, _ => 3 };
        Width = width;
        Height = height;
        Format = format;
        Stride = stride ?? width * bpp;
        Length = length ?? Stride * height;
        Data = (byte*)NativeMemory.AlignedAlloc((nuint)Length, 64);
        Span.Clear();
    }

    public int Width { get; }
    public int Height { get; }
    public int Stride { get; }
    public int Length { get; }
    public PixelFormat Format { get; }
    public byte* Data { get; private set; }
    public Span<byte> Span => new(Data, Length);

    public FrameView View(string cameraId = "cam1", long sequence = 2, long timestampMs = 1_000) =>
        new(cameraId, sequence, new FrameInfo(Width, Height, Stride, Format, timestampMs, Length), Data);

    /// <summary>The frame as one frame of a master's batch.</summary>
    public BatchFrame Frame(string cameraId = "cam1", long sequence = 2, long timestampMs = 1_000) =>
        new(cameraId, sequence, new FrameInfo(Width, Height, Stride, Format, timestampMs, Length), Data);

    public void Fill(byte r, byte g, byte b)
    {
        for (var y = 0; y < Height; y++)
        {
            var row = Span.Slice(y * Stride, Width * 3);
            for (var i = 0; i < row.Length; i += 3) { row[i] = r; row[i + 1] = g; row[i + 2] = b; }
        }
    }

    public void Load(ReadOnlySpan<byte> tightRgb)
    {
        for (var y = 0; y < Height; y++)
            tightRgb.Slice(y * Width * 3, Width * 3).CopyTo(Span.Slice(y * Stride));
    }

    /// <summary>A copy of a derived frame (e.g. a tensor) as a client ring slot would hold it.</summary>
    public static NativeFrame Of(in FrameInfo info, ReadOnlySpan<byte> data)
    {
        var frame = new NativeFrame(info.Width, info.Height, info.Format, info.Stride, info.Length);
        data[..info.Length].CopyTo(frame.Span);
        return frame;
    }

    /// <summary>An image file decoded to RGB24 by the ffmpeg CLI.</summary>
    public static NativeFrame FromImage(string path)
    {
        var (w, h) = Ffmpeg.Size(path);
        var frame = new NativeFrame(w, h);
        frame.Load(Ffmpeg.DecodeRgb24(path));
        return frame;
    }

    public void Dispose()
    {
        if (Data == null) return;
        NativeMemory.AlignedFree(Data);
        Data = null;
    }
}
