namespace Valkka.Shm;

/// <summary>Metadata committed with a frame.</summary>
public readonly record struct FrameInfo(int Width, int Height, int Stride, PixelFormat Format,
                                        long TimestampMs, int Length);
