namespace Valkka.Shm;

/// <summary>
/// The futex the rings' doorbells use, on any int in memory shared between processes: for code
/// outside this library that waits on a shared word the same way (e.g. the wake-up benchmark).
/// </summary>
public static unsafe class SharedFutex
{
    /// <summary>
    /// Sleeps while *word == expected, at most timeout. Returns on a wake-up, a changed word, a signal
    /// or the timeout alike: the caller re-checks what it waits for.
    /// </summary>
    public static void WaitWhile(int* word, int expected, TimeSpan timeout) => Native.Futex.WaitWhile(word, expected, timeout);

    /// <summary>Wakes every process and thread asleep on word.</summary>
    public static void WakeAll(int* word) => Native.Futex.WakeAll(word);
}
