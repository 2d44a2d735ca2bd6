using System.Diagnostics;
using System.Globalization;
using Valkka.Shm.Layout;

namespace Valkka.Shm.Tests;

[Collection(SweepCollection.Name)]
public sealed class ReaderClaimTests
{
    [Fact]
    public void Owner_never_hands_out_an_index_a_standalone_reader_claimed()
    {
        using var writer = TestRings.Create();
        using (var standalone = FrameRingReader.AttachStandalone(writer.Path))
        {
            Assert.True(standalone.IsStandalone);
            Assert.Equal(0, standalone.ReaderIndex);
            Assert.Equal(1UL, writer.StandaloneReaders);

            Assert.Equal(1, writer.RegisterReader());
            using var second = FrameRingReader.AttachStandalone(writer.Path);
            Assert.Equal(2, second.ReaderIndex);
        }
        Assert.Equal(0UL, writer.StandaloneReaders);
        Assert.Equal(0, writer.RegisterReader()); // freed by Dispose
    }

    [Fact]
    public void Standalone_readers_and_the_owner_share_the_64_indices()
    {
        using var writer = TestRings.Create(slotCount: 1);
        for (int i = 0; i < 60; i++) writer.RegisterReader();
        var standalone = Enumerable.Range(0, 4).Select(_ => FrameRingReader.AttachStandalone(writer.Path)).ToList();
        try
        {
            Assert.Equal(new[] { 60, 61, 62, 63 }, standalone.Select(r => r.ReaderIndex));
            Assert.Equal(RingErrorKind.ReadersExhausted, Assert.Throws<RingException>(() => writer.RegisterReader()).Kind);
            Assert.Equal(RingErrorKind.ReadersExhausted,
                Assert.Throws<RingException>(() => FrameRingReader.AttachStandalone(writer.Path)).Kind);
        }
        finally
        {
            standalone.ForEach(r => r.Dispose());
        }
    }

    [Fact]
    public void Lease_newest_takes_the_latest_frame_and_disposing_releases_it()
    {
        using var writer = TestRings.Create(slotCount: 3);
        using var reader = FrameRingReader.AttachStandalone(writer.Path);
        Assert.False(reader.TryLeaseNewest(0, TimeSpan.FromMilliseconds(20), out _)); // nothing written yet
        TestRings.WriteFrame(writer, 1);
        var newest = TestRings.WriteFrame(writer, 2);

        Assert.True(reader.TryLeaseNewest(0, TimeSpan.Zero, out var lease));

        Assert.Equal(newest.Sequence, lease.Sequence);
        Assert.Equal(2, lease.Pixels[0]);
        Assert.Equal(1UL << reader.ReaderIndex, writer.GetLeaseMask(newest.Slot));
        Assert.False(reader.TryLeaseNewest(lease.Sequence, TimeSpan.FromMilliseconds(20), out _));
        Assert.Null(writer.CheckIntegrity()); // a live standalone reader's lease is not garbage
        Assert.True(reader.IsStillLeased(lease));

        reader.Dispose();

        Assert.Equal(0UL, writer.GetLeaseMask(newest.Slot));
    }

    [Fact]
    public async Task Lease_newest_wakes_on_the_next_commit()
    {
        using var writer = TestRings.Create(slotCount: 2);
        using var reader = FrameRingReader.AttachStandalone(writer.Path);
        long after = TestRings.WriteFrame(writer, 1).Sequence;
        var waiting = Task.Run(() => (reader.TryLeaseNewest(after, TimeSpan.FromSeconds(30), out var lease), lease.Sequence));
        Wait.Until(() => reader.DoorbellWaiterCount == 1, TimeSpan.FromSeconds(10));

        var next = TestRings.WriteFrame(writer, 2);

        Assert.Equal((true, next.Sequence), await waiting.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void Owner_frees_the_index_and_leases_of_a_standalone_reader_killed_while_it_held_a_lease()
    {
        using var writer = TestRings.Create(slotCount: 2);
        var frame = TestRings.WriteFrame(writer, 5);
        int index;
        using (var reader = ShmTestProcess.Start("standalone-hold", writer.Path))
        {
            string[] leased = reader.Expect("LEASED");
            index = int.Parse(leased[1], CultureInfo.InvariantCulture);
            Assert.Equal(frame.Sequence.ToString(CultureInfo.InvariantCulture), leased[3]);
            Assert.Equal(0, writer.ReleaseDeadClaims()); // alive: kept
            reader.Kill();
        }
        Assert.Equal(1UL << index, writer.GetLeaseMask(frame.Slot));
        Assert.Equal(1UL << index, writer.StandaloneReaders);

        Assert.Equal(1, writer.ReleaseDeadClaims());

        Assert.Equal(0UL, writer.GetLeaseMask(frame.Slot));
        Assert.Equal(0UL, writer.StandaloneReaders);
        Assert.Equal(index, writer.RegisterReader());
    }

    [Fact]
    public void Owner_restores_its_claims_when_garbage_overwrites_them()
    {
        using var writer = TestRings.Create(slotCount: 1);
        int index = writer.RegisterReader();
        long claimOffset = new RingLayout(1, 4096).ClaimTableOffset + index * sizeof(long);
        ForeignWrite.At(writer.Path, claimOffset, 0L); // another process zeroes the owner's claim

        Assert.Contains("restored 1 reader claim", writer.CheckIntegrity());

        using var standalone = FrameRingReader.AttachStandalone(writer.Path);
        Assert.NotEqual(index, standalone.ReaderIndex);
    }

    [Fact]
    public void Garbage_clearing_keeps_a_lease_taken_after_the_owner_read_the_claims()
    {
        using var table = SlotTable.Create(RingPaths.For(TestRings.NewTopology(), "cam"), 1, 4096);
        Assert.True(table.TryClaim(0));
        long sequence = table.Publish(0, leasedFor: 0);
        long claimsReadAt = Stopwatch.GetTimestamp();
        Assert.True(table.TryLease(0, sequence, readerIndex: 5)); // a reader that claimed index 5 after that read

        Assert.Equal(0, LeaseReclaim.ClearUnregistered(table, registered: 0, claimsReadAt));
        Assert.True(table.IsLeased(0, 5));

        Assert.Equal(1, LeaseReclaim.ClearUnregistered(table, registered: 0, Stopwatch.GetTimestamp()));
        Assert.False(table.IsLeased(0, 5));
    }
}
