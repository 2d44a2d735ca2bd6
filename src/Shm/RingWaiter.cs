using Valkka.Shm.Native;

namespace Valkka.Shm;

/// <summary>
/// Lets one thread sleep until any of several rings (of any process) has a newer frame, or another
/// thread of this process calls <see cref="Wake"/>: one sleep and one wake-up for all of them, where
/// a thread per ring would add a wake-up and a hand-over per frame. Needs futex_waitv (Linux 5.16):
/// see <see cref="IsSupported"/>.
/// </summary>
public sealed unsafe class RingWaiter
{
    /// <summary>Most rings one wait can cover (futex_waitv's limit, less the wake word).</summary>
    public const int MaxRings = Futex.MaxWaitv - 1;

    // A pinned array holds the wake word: its address never moves and it lives as long as anyone
    // can still call Wake, without a Dispose to get wrong.
    private readonly int[] _words = GC.AllocateArray<int>(16, pinned: true);
    private readonly int* _wakeWord;
    private int _sleeping;

    public RingWaiter()
    {
        fixed (int* words = _words)
        {
            _wakeWord = words;
        }
    }

    /// <summary>False where the kernel lacks futex_waitv (or VALKKA_NO_FUTEX_WAITV=1): use a thread per ring there.</summary>
    public static bool IsSupported => Futex.HasWaitv;

    /// <summary>How often <see cref="Wake"/> was called: read it before checking for work, pass it to <see cref="Wait"/>.</summary>
    public int WakeCount => Volatile.Read(ref *_wakeWord);

    /// <summary>From any thread of this process: ends the current or the next <see cref="Wait"/> that saw an older WakeCount.</summary>
    public void Wake()
    {
        Interlocked.Increment(ref *_wakeWord); // full fence before the sleeping check
        if (Volatile.Read(ref _sleeping) != 0)
        {
            Futex.WakePrivate(_wakeWord);
        }
    }

    /// <summary>
    /// Returns at once if a ring already has a frame above its AfterSequence or WakeCount moved past
    /// wakeCountSeen; otherwise sleeps until one of those happens or the timeout. Returns on signals
    /// too: the caller re-checks what it waits for. The rings must stay mapped during the call.
    /// </summary>
    public void Wait(int wakeCountSeen, ReadOnlySpan<RingWait> rings, TimeSpan timeout)
    {
        if (rings.Length > MaxRings)
        {
            throw new ArgumentException($"one wait covers at most {MaxRings} rings, got {rings.Length}", nameof(rings));
        }
        Span<Futex.WaitvEntry> entries = stackalloc Futex.WaitvEntry[rings.Length + 1];
        entries[0] = new Futex.WaitvEntry(_wakeWord, wakeCountSeen, isPrivate: true);
        for (int i = 0; i < rings.Length; i++)
        {
            var doorbell = rings[i].Table.Doorbell;
            int* bell = doorbell.Word;
            int rang = Volatile.Read(ref *bell);
            if (doorbell.Latest.Sequence > rings[i].AfterSequence)
            {
                return;
            }
            entries[i + 1] = new Futex.WaitvEntry(bell, rang, isPrivate: false);
        }
        // Count ourselves a waiter everywhere before the kernel compares the words: a commit or Wake
        // after our reads either sees us counted (and wakes) or changed a word (and the wait returns).
        Interlocked.Exchange(ref _sleeping, 1);
        foreach (var wait in rings) new RingDoorbell(wait.Table.Header).AddWaiter();
        try
        {
            if (WakeCount == wakeCountSeen)
            {
                Futex.WaitAny(entries, timeout);
            }
        }
        finally
        {
            foreach (var wait in rings) new RingDoorbell(wait.Table.Header).RemoveWaiter();
            Volatile.Write(ref _sleeping, 0);
        }
    }
}
