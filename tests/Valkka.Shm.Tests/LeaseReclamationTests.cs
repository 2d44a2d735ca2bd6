namespace Valkka.Shm.Tests;

public sealed class LeaseReclamationTests
{
    [Fact]
    public void Clearing_a_reader_index_frees_only_that_readers_slots()
    {
        using var writer = TestRings.Create(slotCount: 3);
        int a = writer.RegisterReader();
        int b = writer.RegisterReader();
        using var readerA = FrameRingReader.Attach(writer.Path, a);
        using var readerB = FrameRingReader.Attach(writer.Path, b);
        var f0 = TestRings.WriteFrame(writer, 0);
        var f1 = TestRings.WriteFrame(writer, 1);
        Assert.Equal(LeaseResult.Leased, readerA.TryLease(f0.Slot, f0.Sequence, out _));
        Assert.Equal(LeaseResult.Leased, readerA.TryLease(f1.Slot, f1.Sequence, out _));
        Assert.Equal(LeaseResult.Leased, readerB.TryLease(f1.Slot, f1.Sequence, out var leaseB));

        Assert.Equal(2, writer.ClearLeases(a));

        Assert.Equal(0UL, writer.GetLeaseMask(f0.Slot));
        Assert.Equal(1UL << b, writer.GetLeaseMask(f1.Slot));
        Assert.Equal(0, writer.ClearLeases(a));
        readerB.Release(leaseB);
    }

    [Fact]
    public void Leases_older_than_the_timeout_expire_and_fresh_ones_stay()
    {
        using var writer = TestRings.Create(slotCount: 3);
        using var reader = FrameRingReader.Attach(writer.Path, writer.RegisterReader());
        var old = TestRings.WriteFrame(writer, 0);
        Assert.Equal(LeaseResult.Leased, reader.TryLease(old.Slot, old.Sequence, out _));
        Assert.Equal(0, writer.ExpireLeases(TimeSpan.FromMinutes(1)));

        var expiredAt = DateTime.UtcNow.AddSeconds(10);
        int expired = 0;
        while (expired == 0 && DateTime.UtcNow < expiredAt)
        {
            Thread.Yield();
            expired = writer.ExpireLeases(TimeSpan.FromMilliseconds(50));
        }
        var fresh = TestRings.WriteFrame(writer, 1);
        Assert.Equal(LeaseResult.Leased, reader.TryLease(fresh.Slot, fresh.Sequence, out var freshLease));

        Assert.Equal(1, expired);
        Assert.Equal(0UL, writer.GetLeaseMask(old.Slot));
        Assert.Equal(0, writer.ExpireLeases(TimeSpan.FromMinutes(1)));
        Assert.True(reader.IsStillLeased(freshLease));
        reader.Release(freshLease);
    }

    [Fact]
    public void Expired_lease_is_no_longer_held_and_its_slot_is_rewritten()
    {
        using var writer = TestRings.Create(slotCount: 1);
        using var reader = FrameRingReader.Attach(writer.Path, writer.RegisterReader());
        var frame = TestRings.WriteFrame(writer, 0);
        Assert.Equal(LeaseResult.Leased, reader.TryLease(frame.Slot, frame.Sequence, out var lease));
        Assert.False(writer.TryBeginWrite(out _));

        Assert.Equal(1, writer.ExpireLeases(TimeSpan.Zero));

        Assert.False(reader.IsStillLeased(lease));
        Assert.Equal(frame.Slot, TestRings.WriteFrame(writer, 1).Slot);
    }

    [Fact]
    public void Register_hands_out_64_indices_then_refuses_and_reuses_freed_ones()
    {
        using var writer = TestRings.Create(slotCount: 1);
        var indices = Enumerable.Range(0, 64).Select(_ => writer.RegisterReader()).ToArray();
        Assert.Equal(Enumerable.Range(0, 64), indices);
        var error = Assert.Throws<RingException>(() => writer.RegisterReader());
        Assert.Equal(RingErrorKind.ReadersExhausted, error.Kind);

        using (var reader = FrameRingReader.Attach(writer.Path, 17))
        {
            var frame = TestRings.WriteFrame(writer, 0);
            Assert.Equal(LeaseResult.Leased, reader.TryLease(frame.Slot, frame.Sequence, out _));
        }
        writer.UnregisterReader(17);
        Assert.Equal(0UL, writer.GetLeaseMask(0));
        Assert.Equal(17, writer.RegisterReader());
    }
}
