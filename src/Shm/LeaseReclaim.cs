using System.Diagnostics;
using System.Numerics;
using Valkka.Shm.Layout;

namespace Valkka.Shm;

/// <summary>
/// Owner-side lease reclamation on a slot table: by reader index (the reader left or died), by age
/// (the lease timestamps readers write), and of bits no handed-out reader can have set (garbage).
/// Each bit is cleared with an atomic and, so a reader's concurrent release is never undone.
/// </summary>
internal static unsafe class LeaseReclaim
{
    /// <summary>Clears every lease of a reader index; returns how many.</summary>
    public static int ClearLeases(SlotTable table, int readerIndex) => ClearBits(table, 1UL << readerIndex);

    /// <summary>
    /// Clears the lease bits of reader indices not in registered (nobody was handed them) whose lease
    /// timestamp is older than registeredAt, when registered was read: a newer one may be the lease of
    /// a standalone reader that claimed its index since (it writes the timestamp before the bit).
    /// Returns how many.
    /// </summary>
    public static int ClearUnregistered(SlotTable table, ulong registered, long registeredAt)
    {
        int cleared = 0;
        for (int i = 0; i < table.SlotCount; i++)
        {
            SlotEntry* entry = table.Entry(i);
            for (ulong mask = Volatile.Read(ref entry->LeaseMask) & ~registered; mask != 0; mask &= mask - 1)
            {
                int reader = BitOperations.TrailingZeroCount(mask);
                ulong bit = 1UL << reader;
                if (Volatile.Read(ref SlotTable.LeaseTicks(entry)[reader]) < registeredAt &&
                    (Interlocked.And(ref entry->LeaseMask, ~bit) & bit) != 0)
                {
                    cleared++;
                }
            }
        }
        return cleared;
    }

    /// <summary>
    /// Clears leases older than olderThan by their timestamps, and those whose timestamp lies further
    /// in the future than that (no reader writes one: garbage); returns how many.
    /// </summary>
    /// <remarks>A lease released and taken again by the same reader between this method's read of the
    /// mask and of the timestamp could be cleared although fresh; that needs a reader that already
    /// overran the timeout, which is what expiry is for.</remarks>
    public static int ExpireLeases(SlotTable table, TimeSpan olderThan)
    {
        long limit = (long)(olderThan.TotalSeconds * Stopwatch.Frequency);
        long now = Stopwatch.GetTimestamp();
        int cleared = 0;
        for (int i = 0; i < table.SlotCount; i++)
        {
            SlotEntry* entry = table.Entry(i);
            for (ulong mask = Volatile.Read(ref entry->LeaseMask); mask != 0; mask &= mask - 1)
            {
                int reader = BitOperations.TrailingZeroCount(mask);
                ulong bit = 1UL << reader;
                long age = now - Volatile.Read(ref SlotTable.LeaseTicks(entry)[reader]);
                if ((age > limit || age < -limit) && (Interlocked.And(ref entry->LeaseMask, ~bit) & bit) != 0)
                {
                    cleared++;
                }
            }
        }
        return cleared;
    }

    private static int ClearBits(SlotTable table, ulong bits)
    {
        int cleared = 0;
        for (int i = 0; i < table.SlotCount; i++)
        {
            SlotEntry* entry = table.Entry(i);
            if ((Volatile.Read(ref entry->LeaseMask) & bits) != 0)
            {
                cleared += BitOperations.PopCount(Interlocked.And(ref entry->LeaseMask, ~bits) & bits);
            }
        }
        return cleared;
    }
}
