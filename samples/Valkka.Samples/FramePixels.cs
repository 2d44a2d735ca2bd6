using Valkka.Actors.Analysis;
using Valkka.Shm;

namespace Valkka.Samples;

/// <summary>Channel order and size of the 8-bit frame formats the sample analyzers read.</summary>
internal static class FramePixels
{
    /// <summary>Bytes per pixel and the offsets of red, green and blue within a pixel.</summary>
    public static (int Bpp, int R, int G, int B) Layout(in FrameView frame) => frame.Format switch
    {
        PixelFormat.Rgb24 => (3, 0, 1, 2),
        PixelFormat.Bgr24 => (3, 2, 1, 0),
        PixelFormat.Gray8 => (1, 0, 0, 0),
        _ => throw new NotSupportedException(
            $"camera '{frame.CameraId}': pixel format {frame.Format} is not an 8-bit image format (Rgb24, Bgr24, Gray8)"),
    };
}
