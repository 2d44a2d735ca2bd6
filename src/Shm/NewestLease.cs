using System.Diagnostics;

namespace Valkka.Shm;

/// <summary>Leasing the newest frame of a ring for a reader that follows the doorbell rather than announcements.</summary>
internal static class NewestLease
{
    /// <summary>
    /// Waits up to timeout for a frame newer than afterSequence and leases the newest one (a newer
    /// one if the newest was overwritten meanwhile). False when none came in time. No allocation.
    /// </summary>
    public static bool TryTake(FrameRingReader reader, long afterSequence, TimeSpan timeout, out FrameLease lease)
    {
        long deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        lease = default;
        for (long remaining = deadline - Stopwatch.GetTimestamp(); ; remaining = deadline - Stopwatch.GetTimestamp())
        {
            if (!reader.WaitForFrame(afterSequence, TimeSpan.FromSeconds(Math.Max(0, remaining) / (double)Stopwatch.Frequency), out var frame))
            {
                return false;
            }
            var result = reader.TryLease(frame.Slot, frame.Sequence, out lease);
            if (result == LeaseResult.Leased)
            {
                return true;
            }
            if (result == LeaseResult.Corrupt)
            {
                // Not offered again; a sequence beyond what the owner wrote is garbage that the next commit replaces.
                afterSequence = Math.Max(afterSequence, Math.Min(frame.Sequence, reader.SequenceLimit));
            }
            if (remaining <= 0)
            {
                return false;
            }
        }
    }
}
