using System.Web;

namespace Valkka.Actors.Topology;

/// <summary>
/// How much of /dev/shm the rings of a topology take. The figure is an upper estimate of the ring
/// layout (page-aligned RGB24 slots plus one page of header and slot table per ring); cameras
/// without a size (and whose URL does not tell it) are assumed to be 1920x1080.
/// </summary>
public static class RingSpace
{
    public const int PageSize = 4096;
    public static readonly FrameSize AssumedNativeSize = new(1920, 1080);

    public static long BytesFor(CameraDefinition camera)
    {
        var size = FrameSizeOf(camera);
        var slot = AlignUp(size.Rgb24Bytes, PageSize);
        var table = AlignUp(256 + camera.RingSlots * 64L, PageSize);
        return table + camera.RingSlots * slot;
    }

    /// <summary>The configured size, else the size= query of a synthetic:// or pattern:// URL, else 1920x1080.</summary>
    public static FrameSize FrameSizeOf(CameraDefinition camera)
    {
        if (camera.Size is { } size) return size;
        var q = camera.Url.IndexOf('?');
        if (q >= 0)
        {
            var query = HttpUtility.ParseQueryString(camera.Url[(q + 1)..]);
            if (FrameSize.TryParse(query["size"], out var fromUrl)) return fromUrl;
        }
        return AssumedNativeSize;
    }

    /// <summary>Bytes free for an unprivileged user in the file system holding directory.</summary>
    public static long FreeBytes(string directory = "/dev/shm") => new DriveInfo(directory).AvailableFreeSpace;

    public static string Format(long bytes) => bytes switch
    {
        >= 1L << 30 => $"{bytes / (double)(1L << 30):0.0} GiB",
        _ => $"{bytes / (double)(1L << 20):0.0} MiB",
    };

    private static long AlignUp(long value, long alignment) => (value + alignment - 1) / alignment * alignment;
}
