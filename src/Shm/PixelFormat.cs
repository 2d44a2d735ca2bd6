namespace Valkka.Shm;

/// <summary>How the bytes of a slot are laid out.</summary>
public enum PixelFormat
{
    Rgb24 = 1,
    Bgr24 = 2,
    Gray8 = 3,
    /// <summary>Tensor-ready frames: float32 per channel, RGB, rows top first.</summary>
    Float32Rgb = 4,
}
