using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using Valkka.Shm.Native;

namespace Valkka.Shm;

/// <summary>A shared read-write mapping of a whole ring file, pre-faulted (MAP_POPULATE).</summary>
internal sealed unsafe class RingMapping : IDisposable
{
    private nint _address;

    private RingMapping(nint address, long length)
    {
        _address = address;
        Length = length;
    }

    public byte* Base => (byte*)_address;

    public long Length { get; }

    public static RingMapping Map(SafeFileHandle file, long length, string path)
    {
        int fd = (int)file.DangerousGetHandle();
        nint address = LibC.mmap(0, (nuint)length, LibC.ProtRead | LibC.ProtWrite,
                                 LibC.MapShared | LibC.MapPopulate, fd, 0);
        if (address == LibC.MapFailed)
        {
            int errno = Marshal.GetLastPInvokeError();
            throw new IOException(
                $"Cannot map ring {RingPaths.Describe(path)} ({length} bytes): {Marshal.GetPInvokeErrorMessage(errno)}");
        }
        return new RingMapping(address, length);
    }

    public void Dispose()
    {
        nint address = Interlocked.Exchange(ref _address, 0);
        if (address != 0)
        {
            LibC.munmap(address, (nuint)Length);
        }
    }
}
