using System.Runtime.InteropServices;

namespace Valkka.Shm.Native;

/// <summary>Linux futex on a word in shared memory (not FUTEX_PRIVATE: the word is seen by several processes).</summary>
internal static unsafe partial class Futex
{
    private const int Wait = 0;
    private const int Wake = 1;

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    private static readonly long SyscallNumber = RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => 202,
        Architecture.Arm64 => 98,
        var other => throw new PlatformNotSupportedException($"the futex system call number is not known for {other}"),
    };

    [LibraryImport("libc.so.6", EntryPoint = "syscall")]
    private static partial long Syscall(long number, int* word, int operation, int value, Timespec* timeout, int* word2, int value3);

    /// <summary>
    /// Sleeps while *word == expected, at most timeout. Returns on a wake-up, a changed word, a signal
    /// or the timeout alike: the caller re-checks what it waits for.
    /// </summary>
    public static void WaitWhile(int* word, int expected, TimeSpan timeout)
    {
        long ticks = Math.Max(0, timeout.Ticks);
        var ts = new Timespec { Seconds = ticks / TimeSpan.TicksPerSecond, Nanoseconds = ticks % TimeSpan.TicksPerSecond * 100 };
        Syscall(SyscallNumber, word, Wait, expected, &ts, null, 0);
    }

    /// <summary>Wakes every process and thread asleep on word.</summary>
    public static void WakeAll(int* word) => Syscall(SyscallNumber, word, Wake, int.MaxValue, null, null, 0);
}
