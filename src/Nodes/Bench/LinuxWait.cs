using System.Runtime.InteropServices;

namespace Valkka.Nodes.Bench;

/// <summary>
/// The two cheapest cross-process wake-ups Linux offers, on a word / sem_t in shared memory:
/// a raw futex (shared, not private) and a process-shared POSIX semaphore.
/// </summary>
public static unsafe partial class LinuxWait
{
    public const int SemSize = 32; // sizeof(sem_t) on 64-bit glibc

    private const int FutexWait = 0;
    private const int FutexWake = 1;

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec { public long Seconds; public long Nanos; }

    private static readonly long FutexSyscall = RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => 202,
        Architecture.Arm64 => 98,
        var a => throw new PlatformNotSupportedException($"futex syscall number unknown for {a}"),
    };

    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static partial long Syscall(long number, int* uaddr, int op, int val, Timespec* timeout, int* uaddr2, int val3);

    [LibraryImport("libc", EntryPoint = "sem_init", SetLastError = true)]
    private static partial int SemInit(void* sem, int pshared, uint value);

    [LibraryImport("libc", EntryPoint = "sem_post", SetLastError = true)]
    private static partial int SemPost(void* sem);

    [LibraryImport("libc", EntryPoint = "sem_wait", SetLastError = true)]
    private static partial int SemWait(void* sem);

    [LibraryImport("libc", EntryPoint = "sem_destroy")]
    private static partial int SemDestroy(void* sem);

    /// <summary>Sleeps while *word == expected, at most <paramref name="timeout"/>.</summary>
    public static void FutexWaitWhile(int* word, int expected, TimeSpan timeout)
    {
        var ts = new Timespec { Seconds = (long)timeout.TotalSeconds, Nanos = timeout.Ticks % TimeSpan.TicksPerSecond * 100 };
        Syscall(FutexSyscall, word, FutexWait, expected, &ts, null, 0); // EAGAIN / ETIMEDOUT / EINTR: caller re-checks
    }

    public static void FutexWakeOne(int* word) => Syscall(FutexSyscall, word, FutexWake, 1, null, null, 0);

    public static void FutexWakeAll(int* word) => Syscall(FutexSyscall, word, FutexWake, int.MaxValue, null, null, 0);

    public static void SemaphoreInit(void* sem)
    {
        if (SemInit(sem, 1, 0) != 0) throw new InvalidOperationException($"sem_init failed: errno {Marshal.GetLastPInvokeError()}");
    }

    public static void SemaphorePost(void* sem) => SemPost(sem);

    public static void SemaphoreWait(void* sem)
    {
        while (SemWait(sem) != 0)
        {
            if (Marshal.GetLastPInvokeError() != 4 /* EINTR */)
                throw new InvalidOperationException($"sem_wait failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    public static void SemaphoreDestroy(void* sem) => SemDestroy(sem);
}
