namespace Valkka.Shm;

/// <summary>
/// Whether a leased frame's metadata (read once from the slot table, then only this copy is used)
/// describes a frame that fits its slot, so that reading it row by row (stride x height) stays inside
/// the mapping whatever another process wrote into the slot table. A few compares on the lease
/// path; the message is built only for a bad entry.
/// </summary>
internal static class FrameEntryCheck
{
    /// <param name="info">The entry as read, its length already clamped to the slot's capacity.</param>
    public static bool IsValid(in FrameInfo info)
    {
        int bytesPerPixel = BytesPerPixel(info.Format);
        return bytesPerPixel != 0 && info.Width >= 0 && info.Height >= 0
               && (long)info.Width * bytesPerPixel <= info.Stride && (long)info.Stride * info.Height <= info.Length;
    }

    public static string Describe(string path, int slot, in FrameInfo info, int slotCapacity) =>
        $"Ring {RingPaths.Describe(path)} slot {slot} holds a corrupt entry (another process wrote into the slot table?): " +
        $"{info.Width}x{info.Height}, stride {info.Stride}, format {(int)info.Format}, length {info.Length} " +
        $"(slot capacity {slotCapacity}); the frame was refused.";

    private static int BytesPerPixel(PixelFormat format) => format switch
    {
        PixelFormat.Rgb24 or PixelFormat.Bgr24 => 3,
        PixelFormat.Gray8 => 1,
        PixelFormat.Float32Rgb => 12,
        _ => 0,
    };
}
