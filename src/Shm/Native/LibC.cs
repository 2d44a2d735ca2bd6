using System.Runtime.InteropServices;

namespace Valkka.Shm.Native;

/// <summary>The few glibc calls .NET does not expose (Linux, x86-64 and arm64 constants).</summary>
internal static unsafe partial class LibC
{
    private const string Library = "libc.so.6";

    internal const int ProtRead = 0x1;
    internal const int ProtWrite = 0x2;
    internal const int MapShared = 0x01;
    internal const int MapPopulate = 0x8000;
    internal static readonly nint MapFailed = -1;

    internal const int ENOENT = 2;
    internal const int ESRCH = 3;
    internal const int EPERM = 1;
    internal const int EEXIST = 17;
    internal const int EINVAL = 22;
    internal const int ENOSPC = 28;
    internal const int EOPNOTSUPP = 95;

    [LibraryImport(Library, SetLastError = true)]
    internal static partial nint mmap(nint address, nuint length, int protection, int flags, int fd, long offset);

    [LibraryImport(Library, SetLastError = true)]
    internal static partial int munmap(nint address, nuint length);

    /// <summary>Returns 0 or an error number (it does not set errno).</summary>
    [LibraryImport(Library)]
    internal static partial int posix_fallocate(int fd, long offset, long length);

    [LibraryImport(Library, SetLastError = true)]
    internal static partial int ftruncate(int fd, long length);

    [LibraryImport(Library, SetLastError = true)]
    internal static partial int kill(int pid, int signal);

    /// <summary>signal(2): the old disposition; handler 0 is SIG_DFL.</summary>
    [LibraryImport(Library, SetLastError = true)]
    internal static partial nint signal(int signal, nint handler);

    [LibraryImport(Library, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int link(string existingPath, string newPath);

    [LibraryImport(Library, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int statvfs(string path, StatVfs* buffer);

    /// <summary>glibc's struct statvfs on 64-bit Linux (112 bytes; spare room added).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct StatVfs
    {
        public ulong BlockSize;
        public ulong FragmentSize;
        public ulong Blocks;
        public ulong BlocksFree;
        public ulong BlocksAvailable;
        public ulong Files;
        public ulong FilesFree;
        public ulong FilesAvailable;
        public ulong FileSystemId;
        public ulong Flags;
        public ulong NameMax;
        public fixed int Spare[16];
    }

    /// <summary>Bytes an unprivileged process may still allocate in the file system holding path.</summary>
    internal static long FreeBytes(string path)
    {
        StatVfs buffer;
        if (statvfs(path, &buffer) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            throw new IOException($"statvfs({path}) failed: {Marshal.GetPInvokeErrorMessage(errno)}");
        }
        return (long)(buffer.BlocksAvailable * buffer.FragmentSize);
    }
}
