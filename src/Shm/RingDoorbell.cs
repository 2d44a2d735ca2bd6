using System.Diagnostics;
using Valkka.Shm.Layout;
using Valkka.Shm.Native;

namespace Valkka.Shm;

/// <summary>
/// The doorbell in a ring's header: same-host notification without a message. The owner stores the
/// latest entry, adds 1 to the futex word (a full fence) and makes the wake-up call only when a
/// reader counts itself asleep; a reader counts itself a waiter (a full fence) before it re-checks
/// the word, so either the call is made or the reader sees the new value and does not sleep.
/// </summary>
internal readonly unsafe struct RingDoorbell(RingHeader* header)
{
    /// <summary>The newest published entry (Sequence 0 before the first).</summary>
    public FrameAnnouncement Latest => FrameAnnouncement.Unpack(Volatile.Read(ref header->LatestFrame));

    /// <summary>The futex word, for a <see cref="RingWaiter"/> that sleeps on several rings.</summary>
    public int* Word => &header->Doorbell;

    /// <summary>Sleepers the owner's next publish must wake.</summary>
    public int WaiterCount => Volatile.Read(ref header->DoorbellWaiters);

    /// <summary>Owner: announces the entry just published in slot.</summary>
    public void Ring(int slot, long sequence)
    {
        Volatile.Write(ref header->LatestFrame, FrameAnnouncement.Pack(slot, sequence));
        Interlocked.Increment(ref header->Doorbell);
        if (Volatile.Read(ref header->DoorbellWaiters) != 0)
        {
            Futex.WakeAll(&header->Doorbell);
        }
    }

    /// <summary>
    /// True at once with the latest entry if its sequence is above afterSequence; otherwise sleeps
    /// until a publish above it, <see cref="Interrupt"/> or the timeout, and says whether a newer entry came.
    /// A wake-up that changed nothing (a signal: the runtime suspends threads with them) sleeps again,
    /// and so does the ring of an entry at or below afterSequence: a reader can take an entry from the
    /// slot table between its publish and its ring, and then wait past it before the ring comes.
    /// </summary>
    /// <remarks>
    /// An interrupt is a ring that announced nothing new. One that lands together with such a late
    /// ring is absorbed, so a thread being stopped is interrupted until it has ended.
    /// </remarks>
    public bool Wait(long afterSequence, TimeSpan timeout, out FrameAnnouncement latest)
    {
        int bell = Volatile.Read(ref header->Doorbell);
        latest = Latest;
        if (latest.Sequence > afterSequence)
        {
            return true;
        }
        long deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        AddWaiter(); // full fence before the re-check
        try
        {
            while (true)
            {
                while (Volatile.Read(ref header->Doorbell) == bell)
                {
                    long remaining = deadline - Stopwatch.GetTimestamp();
                    if (remaining <= 0)
                    {
                        latest = Latest;
                        return latest.Sequence > afterSequence;
                    }
                    Futex.WaitWhile(&header->Doorbell, bell, TimeSpan.FromSeconds((double)remaining / Stopwatch.Frequency));
                }
                long announced = latest.Sequence;
                bell = Volatile.Read(ref header->Doorbell);
                latest = Latest;
                if (latest.Sequence > afterSequence) return true;
                if (latest.Sequence == announced) return false; // nothing new: an interrupt
            }
        }
        finally
        {
            RemoveWaiter();
        }
    }

    public void AddWaiter() => Interlocked.Increment(ref header->DoorbellWaiters);

    public void RemoveWaiter() => Interlocked.Decrement(ref header->DoorbellWaiters);

    /// <summary>Wakes every sleeper on this doorbell, in any process (the word changes, so none sleeps again).</summary>
    public void Interrupt()
    {
        Interlocked.Increment(ref header->Doorbell);
        Futex.WakeAll(&header->Doorbell);
    }
}
