namespace Valkka.Shm;

/// <summary>Pixel layout of a frame in a ring slot.</summary>
public enum PixelFormat
{
    Rgb24 = 1,
    Bgr24 = 2,
    Gray8 = 3,
    /// <summary>Three float32 channels per pixel (tensor-ready frames).</summary>
    Float32Rgb = 4,
}
