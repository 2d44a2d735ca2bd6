using System.Numerics;

namespace Valkka.Shm;

/// <summary>
/// The ring's reader claims: one 64-bit word per reader index, after the slot table, through which
/// the owner and standalone readers (processes without Akka, e.g. Python through the C ABI) take
/// reader indices from one pool. A word is 0 when the index is free; otherwise it names the process
/// holding it: pid (bits 0-21) and its start time (field 22 of /proc/PID/stat, bits 22-61), bit 62
/// when the owner handed the index out itself (to an actor over Akka), bit 63 while a process
/// reclaims it. Every change of a word from or to 0 by a non-holder is a compare-and-swap, so two
/// parties never hold one index.
/// </summary>
/// <remarks>
/// A dead holder's index is reclaimed in three steps: swap its word for a "being reclaimed" word
/// naming the reclaimer, clear the index's lease bits, then free the word. A new claimant only takes
/// a free (0) word, so it cannot lease between the clearing and its claim and lose a fresh lease to
/// it. A reclaimer that dies midway leaves a word naming a dead process, which the next reclaim
/// takes over.
/// </remarks>
internal static unsafe class ReaderClaims
{
    public const long HandedByOwner = 1L << 62;
    public const long BeingReclaimed = long.MinValue; // bit 63
    private const int PidBits = 22;
    private const long PidMask = (1L << PidBits) - 1;
    private const long StartTimeMask = (1L << 40) - 1;

    /// <summary>The claim word naming this process (flags: <see cref="HandedByOwner"/> or 0).</summary>
    public static long OwnWord(long flags) => Word(ProcessIdentity.CurrentPid, ProcessIdentity.CurrentStartTime) | flags;

    public static long Word(int pid, long startTime) => (pid & PidMask) | ((startTime & StartTimeMask) << PidBits);

    public static int PidOf(long word) => (int)(word & PidMask);

    public static long StartTimeOf(long word) => (word >> PidBits) & StartTimeMask;

    /// <summary>True when the word names a process that runs (0 names nobody: false).</summary>
    public static bool HolderAlive(long word) => word != 0 && ProcessIdentity.IsAlive(PidOf(word), StartTimeOf(word));

    /// <summary>Takes the lowest free index not in skip with word; -1 when none is free.</summary>
    public static int ClaimFree(SlotTable table, long word, ulong skip)
    {
        for (int index = 0; index < Layout.RingLayout.MaxReaders; index++)
        {
            if ((skip & (1UL << index)) == 0 && Interlocked.CompareExchange(ref *table.Claim(index), word, 0) == 0)
            {
                LeaseReclaim.ClearLeases(table, index); // leftovers of an earlier holder
                return index;
            }
        }
        return -1;
    }

    /// <summary>
    /// Takes the lowest free index not in skip with word; when none is free, reclaims the indices of
    /// dead holders first and tries again. Throws ReadersExhausted when all are held by live processes.
    /// </summary>
    public static int ClaimOrReclaim(SlotTable table, long word, ulong skip)
    {
        int index = ClaimFree(table, word, skip);
        if (index < 0 && ReclaimDead(table) > 0) index = ClaimFree(table, word, skip);
        return index >= 0 ? index
            : throw new RingException(RingErrorKind.ReadersExhausted,
                $"Ring {RingPaths.Describe(table.Path)} has all {Layout.RingLayout.MaxReaders} reader indices in use " +
                $"({BitOperations.PopCount(Standalone(table))} by standalone readers, the rest handed out by its owner).");
    }

    /// <summary>Frees index if word still holds it (a holder releasing its own claim).</summary>
    public static bool Free(SlotTable table, int index, long word) =>
        Interlocked.CompareExchange(ref *table.Claim(index), 0, word) == word;

    /// <summary>Indices whose word is not 0 and not handed out by the owner: standalone readers (bit i = index i).</summary>
    public static ulong Standalone(SlotTable table)
    {
        ulong mask = 0;
        for (int index = 0; index < Layout.RingLayout.MaxReaders; index++)
        {
            long word = Volatile.Read(ref *table.Claim(index));
            if (word != 0 && (word & HandedByOwner) == 0) mask |= 1UL << index;
        }
        return mask;
    }

    /// <summary>
    /// Reclaims the indices of dead holders (and of reclaimers that died midway): their leases are
    /// cleared and the index is free again. Reads /proc once per claimed index: not for hot paths.
    /// Returns how many indices were freed.
    /// </summary>
    public static int ReclaimDead(SlotTable table)
    {
        int freed = 0;
        long reclaimer = OwnWord(BeingReclaimed);
        for (int index = 0; index < Layout.RingLayout.MaxReaders; index++)
        {
            long* claim = table.Claim(index);
            long word = Volatile.Read(ref *claim);
            if (word == 0 || word == reclaimer || HolderAlive(word)) continue;
            if (Interlocked.CompareExchange(ref *claim, reclaimer, word) != word) continue;
            LeaseReclaim.ClearLeases(table, index);
            Volatile.Write(ref *claim, 0);
            freed++;
        }
        return freed;
    }
}
