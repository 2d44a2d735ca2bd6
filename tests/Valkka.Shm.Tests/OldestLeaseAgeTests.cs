namespace Valkka.Shm.Tests;

/// <summary>The owner's view of how long the oldest lease still held has been held (metric valkka_ring_lease_oldest_age_seconds).</summary>
public sealed class OldestLeaseAgeTests
{
    [Fact]
    public void The_oldest_held_lease_counts_and_a_released_one_no_longer_does()
    {
        using var writer = TestRings.Create(slotCount: 3);
        using var reader = FrameRingReader.Attach(writer.Path, writer.RegisterReader());
        Assert.Equal(TimeSpan.Zero, writer.OldestLeaseAge());

        var first = TestRings.WriteFrame(writer, 0);
        Assert.Equal(LeaseResult.Leased, reader.TryLease(first.Slot, first.Sequence, out var firstLease));
        var second = TestRings.WriteFrame(writer, 1);
        Assert.Equal(LeaseResult.Leased, reader.TryLease(second.Slot, second.Sequence, out var secondLease));
        var both = writer.OldestLeaseAge();
        Assert.True(both > TimeSpan.Zero, $"age {both}");

        reader.Release(firstLease);
        var onlySecond = writer.OldestLeaseAge();
        Assert.True(onlySecond > TimeSpan.Zero);
        reader.Release(secondLease);
        Assert.Equal(TimeSpan.Zero, writer.OldestLeaseAge());
    }
}
