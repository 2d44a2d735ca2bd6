using System.Runtime.InteropServices;

namespace Valkka.Bench;

/// <summary>
/// A process-shared POSIX semaphore on a sem_t in shared memory: the other cross-process wake-up
/// Linux offers, measured next to the futex by <see cref="WakeupLimit"/>.
/// </summary>
public static unsafe partial class PosixSemaphore
{
    private const int EINTR = 4;

    [LibraryImport("libc", EntryPoint = "sem_init", SetLastError = true)]
    private static partial int SemInit(void* sem, int pshared, uint value);

    [LibraryImport("libc", EntryPoint = "sem_post", SetLastError = true)]
    private static partial int SemPost(void* sem);

    [LibraryImport("libc", EntryPoint = "sem_wait", SetLastError = true)]
    private static partial int SemWait(void* sem);

    [LibraryImport("libc", EntryPoint = "sem_destroy")]
    private static partial int SemDestroy(void* sem);

    public static void Init(void* sem)
    {
        if (SemInit(sem, 1, 0) != 0) throw new InvalidOperationException($"sem_init failed: errno {Marshal.GetLastPInvokeError()}");
    }

    public static void Post(void* sem) => SemPost(sem);

    public static void Wait(void* sem)
    {
        while (SemWait(sem) != 0)
        {
            if (Marshal.GetLastPInvokeError() != EINTR)
                throw new InvalidOperationException($"sem_wait failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    public static void Destroy(void* sem) => SemDestroy(sem);
}
