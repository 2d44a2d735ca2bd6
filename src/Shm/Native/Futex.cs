using System.Runtime.InteropServices;

namespace Valkka.Shm.Native;

/// <summary>
/// Linux futexes: on a word in shared memory (not FUTEX_PRIVATE: the word is seen by several
/// processes), on a word private to this process, and futex_waitv (Linux 5.16) to sleep on several at once.
/// </summary>
internal static unsafe partial class Futex
{
    private const int Wait = 0;
    private const int Wake = 1;
    private const int PrivateFlag = 128;
    private const uint Futex2SizeU32 = 0x02;
    private const uint Futex2Private = 128;
    private const int ClockMonotonic = 1;
    private const long FutexWaitvSyscall = 449; // the same number on x86-64 and arm64 (the generic table)
    private const int ENOSYS = 38;

    /// <summary>Most words one futex_waitv call may wait on (the kernel's FUTEX_WAITV_MAX).</summary>
    public const int MaxWaitv = 128;

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    /// <summary>struct futex_waitv of linux/futex.h.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct WaitvEntry
    {
        public ulong Value;
        public ulong Address;
        public uint Flags;
        private uint _reserved;

        public WaitvEntry(int* word, int expected, bool isPrivate)
        {
            Value = (uint)expected;
            Address = (ulong)word;
            Flags = Futex2SizeU32 | (isPrivate ? Futex2Private : 0);
        }
    }

    private static readonly long SyscallNumber = RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => 202,
        Architecture.Arm64 => 98,
        var other => throw new PlatformNotSupportedException($"the futex system call number is not known for {other}"),
    };

    [LibraryImport("libc.so.6", EntryPoint = "syscall")]
    private static partial long Syscall(long number, int* word, int operation, int value, Timespec* timeout, int* word2, int value3);

    [LibraryImport("libc.so.6", EntryPoint = "syscall", SetLastError = true)]
    private static partial long SyscallWaitv(long number, WaitvEntry* waiters, uint count, uint flags, Timespec* timeout, int clock);

    [LibraryImport("libc.so.6", EntryPoint = "clock_gettime")]
    private static partial int ClockGettime(int clock, Timespec* now);

    /// <summary>True when the kernel has futex_waitv (Linux 5.16 and later).</summary>
    public static readonly bool HasWaitv = ProbeWaitv();

    /// <summary>
    /// Sleeps while *word == expected, at most timeout. Returns on a wake-up, a changed word, a signal
    /// or the timeout alike: the caller re-checks what it waits for.
    /// </summary>
    public static void WaitWhile(int* word, int expected, TimeSpan timeout)
    {
        var ts = Relative(timeout);
        Syscall(SyscallNumber, word, Wait, expected, &ts, null, 0);
    }

    /// <summary>Wakes every process and thread asleep on word.</summary>
    public static void WakeAll(int* word) => Syscall(SyscallNumber, word, Wake, int.MaxValue, null, null, 0);

    /// <summary>Wakes one thread of this process asleep on a private word.</summary>
    public static void WakePrivate(int* word) => Syscall(SyscallNumber, word, Wake | PrivateFlag, 1, null, null, 0);

    /// <summary>
    /// Sleeps while every entry's word still holds its value, at most timeout. Returns on a wake-up of
    /// any of them, a changed word, a signal or the timeout alike: the caller re-checks.
    /// </summary>
    public static void WaitAny(ReadOnlySpan<WaitvEntry> entries, TimeSpan timeout)
    {
        Timespec deadline;
        ClockGettime(ClockMonotonic, &deadline);
        var relative = Relative(timeout);
        deadline.Seconds += relative.Seconds;
        deadline.Nanoseconds += relative.Nanoseconds;
        if (deadline.Nanoseconds >= 1_000_000_000)
        {
            deadline.Seconds++;
            deadline.Nanoseconds -= 1_000_000_000;
        }
        fixed (WaitvEntry* first = entries)
        {
            SyscallWaitv(FutexWaitvSyscall, first, (uint)entries.Length, 0, &deadline, ClockMonotonic);
        }
    }

    private static Timespec Relative(TimeSpan timeout)
    {
        long ticks = Math.Max(0, timeout.Ticks);
        return new Timespec { Seconds = ticks / TimeSpan.TicksPerSecond, Nanoseconds = ticks % TimeSpan.TicksPerSecond * 100 };
    }

    // A call with no words fails with EINVAL where futex_waitv exists and ENOSYS where it does not.
    private static bool ProbeWaitv()
    {
        if (Environment.GetEnvironmentVariable("VALKKA_NO_FUTEX_WAITV") == "1") return false;
        long result = SyscallWaitv(FutexWaitvSyscall, null, 0, 0, null, ClockMonotonic);
        return result == 0 || Marshal.GetLastPInvokeError() != ENOSYS;
    }
}
