using Valkka.Shm.Layout;

namespace Valkka.Shm;

/// <summary>
/// Whether a leased slot's metadata describes a frame that fits its slot, so that reading the frame
/// row by row (stride x height) stays inside the mapping whatever another process wrote into the
/// slot table. A few compares on the lease path; the message is built only for a bad entry.
/// </summary>
internal static unsafe class FrameEntryCheck
{
    public static bool IsValid(SlotEntry* entry, int slotCapacity)
    {
        int width = entry->Width, height = entry->Height, stride = entry->Stride, length = entry->Length;
        int bytesPerPixel = BytesPerPixel(entry->Format);
        return bytesPerPixel != 0 && width >= 0 && height >= 0 && (uint)length <= (uint)slotCapacity
               && (long)width * bytesPerPixel <= stride && (long)stride * height <= length;
    }

    public static string Describe(string path, int slot, SlotEntry* entry, int slotCapacity) =>
        $"Ring {RingPaths.Describe(path)} slot {slot} holds a corrupt entry (another process wrote into the slot table?): " +
        $"{entry->Width}x{entry->Height}, stride {entry->Stride}, format {entry->Format}, length {entry->Length}, " +
        $"slot capacity {slotCapacity}; the frame was refused.";

    private static int BytesPerPixel(int format) => (PixelFormat)format switch
    {
        PixelFormat.Rgb24 or PixelFormat.Bgr24 => 3,
        PixelFormat.Gray8 => 1,
        PixelFormat.Float32Rgb => 12,
        _ => 0,
    };
}
