using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using Valkka.Shm.Layout;

namespace Valkka.Shm;

/// <summary>Reading and checking ring headers from files (attach, create, sweep).</summary>
internal static unsafe class RingFile
{
    /// <summary>The header of an open ring file, or null when the file is too small to hold one.</summary>
    public static RingHeader? ReadHeader(SafeFileHandle file)
    {
        RingHeader header;
        var bytes = new Span<byte>(&header, sizeof(RingHeader));
        int read = 0;
        while (read < bytes.Length)
        {
            int n = RandomAccess.Read(file, bytes[read..], read);
            if (n == 0)
            {
                return null;
            }
            read += n;
        }
        return header;
    }

    /// <summary>The header of the ring at path; null when missing, unreadable or too small.</summary>
    public static RingHeader? TryReadHeader(string path)
    {
        try
        {
            using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            return ReadHeader(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public static bool HasMagic(in RingHeader header) => header.Magic == RingLayout.Magic;

    /// <summary>Checks magic, version and layout; returns the layout, throws RingException otherwise.</summary>
    public static RingLayout Validate(string path, RingHeader? maybeHeader, long fileLength)
    {
        string name = RingPaths.Describe(path);
        if (maybeHeader is not { } header)
        {
            throw new RingException(RingErrorKind.BadMagic,
                $"Ring {name} is not a valkka ring: the file has only {fileLength} bytes, less than a header.");
        }
        if (header.Magic != RingLayout.Magic)
        {
            throw new RingException(RingErrorKind.BadMagic,
                $"Ring {name} is not a valkka ring: wrong magic 0x{header.Magic:X16} (expected 0x{RingLayout.Magic:X16}).");
        }
        if (header.Version != RingLayout.Version)
        {
            throw new RingException(RingErrorKind.VersionMismatch,
                $"Ring {name} has layout version {header.Version}; this program reads version {RingLayout.Version}.");
        }
        if (header.HeaderSize != RingLayout.HeaderSize || header.SlotEntrySize != RingLayout.SlotEntrySize ||
            header.SlotCount is < 1 or > RingLayout.MaxSlots || header.SlotCapacity < 1)
        {
            throw new RingException(RingErrorKind.BadMagic,
                $"Ring {name} has a corrupt header (header size {header.HeaderSize}, slot entry size " +
                $"{header.SlotEntrySize}, {header.SlotCount} slots of {header.SlotCapacity} bytes).");
        }
        var layout = new RingLayout(header.SlotCount, header.SlotCapacity);
        if (header.PayloadOffset != layout.PayloadOffset || header.SlotStride != layout.SlotStride ||
            header.TotalSize != layout.TotalSize || fileLength < layout.TotalSize)
        {
            throw new RingException(RingErrorKind.BadMagic,
                $"Ring {name} has a corrupt header: {header.SlotCount} slots of {header.SlotCapacity} bytes need " +
                $"{layout.TotalSize} bytes, header says {header.TotalSize}, file has {fileLength}.");
        }
        return layout;
    }

    public static string ErrnoMessage(int errno) => Marshal.GetPInvokeErrorMessage(errno);
}
