using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using Valkka.Shm.Layout;
using Valkka.Shm.Native;

namespace Valkka.Shm;

/// <summary>
/// Creates a ring file: checks the room in /dev/shm, builds the ring under a temporary name
/// (space reserved with posix_fallocate, mapped pre-faulted, header written), then links it to its
/// final name, so a reader never sees a half-made ring. A ring of a dead owner under the same name
/// is replaced; a ring of a live owner is an error.
/// </summary>
internal static unsafe class RingCreator
{
    public const string CreatingMarker = ".creating-";

    public static RingMapping Create(string path, RingLayout layout)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("Valkka frame rings need Linux (/dev/shm, mmap).");
        }
        string name = RingPaths.Describe(path);
        string directory = System.IO.Path.GetDirectoryName(path)!;
        ThrowIfLiveRingExists(path);

        long free = LibC.FreeBytes(directory);
        if (layout.TotalSize > free)
        {
            throw NoSpace(name, directory, layout.TotalSize, free);
        }

        string temp = path + CreatingMarker + ProcessIdentity.CurrentPid.ToString(CultureInfo.InvariantCulture);
        File.Delete(temp); // a leftover of this very pid can only be ours
        RingMapping? mapping = null;
        try
        {
            using (var stream = new FileStream(temp, new FileStreamOptions
                   {
                       Mode = FileMode.CreateNew,
                       Access = FileAccess.ReadWrite,
                       Share = FileShare.ReadWrite | FileShare.Delete,
                       UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
                   }))
            {
                var file = stream.SafeFileHandle;
                bool reserved = Reserve(file, layout.TotalSize, name, directory);
                mapping = RingMapping.Map(file, layout.TotalSize, temp);
                if (!reserved)
                {
                    PreFault(mapping);
                }
            }
            WriteHeader((RingHeader*)mapping.Base, layout);
            LinkIntoPlace(temp, path);
            return mapping;
        }
        catch
        {
            mapping?.Dispose();
            throw;
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static void ThrowIfLiveRingExists(string path)
    {
        if (!File.Exists(path))
        {
            return;
        }
        var header = RingFile.TryReadHeader(path);
        if (header is not { } h || !RingFile.HasMagic(h))
        {
            throw new RingException(RingErrorKind.AlreadyExists,
                $"Cannot create ring {RingPaths.Describe(path)}: {path} exists and is not a valkka ring; remove it by hand.");
        }
        if (ProcessIdentity.IsAlive(h.OwnerPid, h.OwnerStartTime))
        {
            throw new RingException(RingErrorKind.AlreadyExists,
                $"Cannot create ring {RingPaths.Describe(path)}: it exists and its owner process {h.OwnerPid} is alive.");
        }
    }

    /// <summary>Reserves the file's space; false when the file system cannot (then pages must be touched).</summary>
    private static bool Reserve(SafeFileHandle file, long size, string name, string directory)
    {
        int fd = (int)file.DangerousGetHandle();
        int rc = LibC.posix_fallocate(fd, 0, size);
        if (rc == 0)
        {
            return true;
        }
        if (rc == LibC.ENOSPC)
        {
            throw NoSpace(name, directory, size, LibC.FreeBytes(directory));
        }
        if (rc is LibC.EOPNOTSUPP or LibC.EINVAL)
        {
            if (LibC.ftruncate(fd, size) != 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                throw new IOException($"Cannot size ring {name} to {size} bytes: {RingFile.ErrnoMessage(errno)}");
            }
            return false;
        }
        throw new IOException($"Cannot reserve {size} bytes for ring {name}: {RingFile.ErrnoMessage(rc)}");
    }

    private static void PreFault(RingMapping mapping)
    {
        for (long offset = 0; offset < mapping.Length; offset += RingLayout.PageSize)
        {
            mapping.Base[offset] = 0;
        }
    }

    private static void WriteHeader(RingHeader* header, RingLayout layout)
    {
        header->Version = RingLayout.Version;
        header->HeaderSize = RingLayout.HeaderSize;
        header->SlotCount = layout.SlotCount;
        header->SlotCapacity = layout.SlotCapacity;
        header->SlotEntrySize = RingLayout.SlotEntrySize;
        header->OwnerPid = ProcessIdentity.CurrentPid;
        header->OwnerStartTime = ProcessIdentity.CurrentStartTime;
        header->PayloadOffset = layout.PayloadOffset;
        header->SlotStride = layout.SlotStride;
        header->TotalSize = layout.TotalSize;
        header->CreatedUnixMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        Volatile.Write(ref header->Magic, RingLayout.Magic);
    }

    private static void LinkIntoPlace(string temp, string path)
    {
        for (int attempt = 0; ; attempt++)
        {
            if (LibC.link(temp, path) == 0)
            {
                return;
            }
            int errno = Marshal.GetLastPInvokeError();
            if (errno != LibC.EEXIST || attempt > 0)
            {
                throw errno == LibC.EEXIST
                    ? new RingException(RingErrorKind.AlreadyExists,
                        $"Cannot create ring {RingPaths.Describe(path)}: another process created it at the same time.")
                    : new IOException($"Cannot create ring {RingPaths.Describe(path)}: {RingFile.ErrnoMessage(errno)}");
            }
            ThrowIfLiveRingExists(path);
            File.Delete(path); // its owner is dead
        }
    }

    private static RingException NoSpace(string name, string directory, long needed, long free) =>
        new(RingErrorKind.NoSpace,
            $"Not enough room in {directory} for ring {name}: needed {needed} bytes ({needed / (1024.0 * 1024.0):F1} MiB), " +
            $"free {free} bytes ({free / (1024.0 * 1024.0):F1} MiB).");
}
