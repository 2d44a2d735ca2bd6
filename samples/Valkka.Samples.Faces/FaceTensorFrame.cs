using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Valkka.Shm;

namespace Valkka.Samples.Faces;

/// <summary>
/// Layout of a tensor-ready derived frame in the client's ring: Size x Size x 3 float32 (NHWC, RGB,
/// rows top first, values rgb/255*2-1, which is BlazeFace's input), then a 32-byte trailer that
/// tells the master where the camera frame sits in the tensor, so it can answer in camera pixels.
/// </summary>
public static class FaceTensorFrame
{
    public const uint Magic = 0x54464B56; // "VKFT"
    public const int TrailerBytes = 32;

    public static int TensorFloats(int size) => size * size * 3;
    public static int TensorBytes(int size) => TensorFloats(size) * sizeof(float);
    public static int FrameLength(int size) => TensorBytes(size) + TrailerBytes;

    public static FrameInfo Info(int size, long timestampMs) =>
        new(size, size, size * 3 * sizeof(float), PixelFormat.Float32Rgb, timestampMs, FrameLength(size));

    public static Span<float> Tensor(Span<byte> frame, int size) =>
        MemoryMarshal.Cast<byte, float>(frame[..TensorBytes(size)]);

    public static void WriteTrailer(Span<byte> frame, in Letterbox box)
    {
        var t = frame.Slice(TensorBytes(box.Size), TrailerBytes);
        BinaryPrimitives.WriteUInt32LittleEndian(t, Magic);
        BinaryPrimitives.WriteInt32LittleEndian(t[4..], box.Size);
        BinaryPrimitives.WriteInt32LittleEndian(t[8..], box.SourceWidth);
        BinaryPrimitives.WriteInt32LittleEndian(t[12..], box.SourceHeight);
        BinaryPrimitives.WriteSingleLittleEndian(t[16..], box.Scale);
        BinaryPrimitives.WriteSingleLittleEndian(t[20..], box.OffsetX);
        BinaryPrimitives.WriteSingleLittleEndian(t[24..], box.OffsetY);
        BinaryPrimitives.WriteInt32LittleEndian(t[28..], 0);
    }

    /// <summary>Reads the trailer of a derived frame; throws with a clear message on a frame that is not one.</summary>
    public static Letterbox ReadTrailer(ReadOnlySpan<byte> frame, in FrameInfo info, string cameraId)
    {
        if (info.Format != PixelFormat.Float32Rgb || info.Width != info.Height)
            throw new InvalidDataException(
                $"camera '{cameraId}': face detection needs square Float32Rgb tensor frames written by FacePreprocessingAnalyzer, got {info.Format} {info.Width}x{info.Height}");
        var size = info.Width;
        if (info.Length != FrameLength(size) || frame.Length < FrameLength(size))
            throw new InvalidDataException(
                $"camera '{cameraId}': tensor frame of {info.Length} bytes, expected {FrameLength(size)} for {size}x{size} plus trailer");
        var t = frame.Slice(TensorBytes(size), TrailerBytes);
        if (BinaryPrimitives.ReadUInt32LittleEndian(t) != Magic || BinaryPrimitives.ReadInt32LittleEndian(t[4..]) != size)
            throw new InvalidDataException($"camera '{cameraId}': tensor frame has no valid letterbox trailer");
        return new Letterbox(size, BinaryPrimitives.ReadInt32LittleEndian(t[8..]), BinaryPrimitives.ReadInt32LittleEndian(t[12..]),
            BinaryPrimitives.ReadSingleLittleEndian(t[16..]), BinaryPrimitives.ReadSingleLittleEndian(t[20..]),
            BinaryPrimitives.ReadSingleLittleEndian(t[24..]));
    }
}
