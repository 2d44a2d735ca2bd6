using System.Globalization;

namespace Valkka.Shm.Tests;

[Collection(SweepCollection.Name)]
public sealed class CrashRecoveryTests
{
    [Fact]
    public void Lease_of_a_killed_reader_stays_until_the_owner_clears_its_reader_index()
    {
        using var writer = TestRings.Create(slotCount: 2);
        int index = writer.RegisterReader();
        var frame = TestRings.WriteFrame(writer, 5);
        using (var reader = HoldLease(writer.Path, index, frame))
        {
            reader.Kill();
        }
        Assert.Equal(1UL << index, writer.GetLeaseMask(frame.Slot));
        var other = TestRings.WriteFrame(writer, 6);
        Assert.NotEqual(frame.Slot, other.Slot); // the dead reader's slot is still protected

        Assert.Equal(1, writer.ClearLeases(index));

        Assert.Equal(0UL, writer.GetLeaseMask(frame.Slot));
        Assert.Equal(frame.Slot, TestRings.WriteFrame(writer, 7).Slot);
    }

    [Fact]
    public void Lease_of_a_killed_reader_expires_after_the_timeout()
    {
        using var writer = TestRings.Create(slotCount: 1);
        int index = writer.RegisterReader();
        var frame = TestRings.WriteFrame(writer, 5);
        using (var reader = HoldLease(writer.Path, index, frame))
        {
            reader.Kill();
        }
        Assert.False(writer.TryBeginWrite(out _)); // the only slot is leased by a dead process
        Assert.Equal(0, writer.ExpireLeases(TimeSpan.FromMinutes(10)));

        int expired = 0;
        Wait.Until(() => (expired = writer.ExpireLeases(TimeSpan.FromMilliseconds(200))) != 0, TimeSpan.FromSeconds(30));

        Assert.Equal(1, expired);
        Assert.Equal(0UL, writer.GetLeaseMask(frame.Slot));
        Assert.Equal(frame.Slot, TestRings.WriteFrame(writer, 8).Slot);
    }

    [Fact]
    public void Ring_of_a_killed_writer_is_owner_dead_for_readers_and_removed_by_the_sweep()
    {
        string topology = TestRings.NewTopology();
        string path = RingPaths.For(topology, "cam");
        using var live = TestRings.Create(ring: "live", topology: topology);
        try
        {
            using (var owner = ShmTestProcess.Start("own", topology, "cam"))
            {
                string[] ready = owner.Expect("READY");
                Assert.Equal(path, ready[1]);
                using (var before = FrameRingReader.Attach(path, 0))
                {
                    Assert.True(before.IsOwnerAlive);
                    Assert.Equal(LeaseResult.Leased, before.TryLease(
                        int.Parse(ready[2], CultureInfo.InvariantCulture),
                        long.Parse(ready[3], CultureInfo.InvariantCulture), out var lease));
                    before.Release(lease);
                }
                Assert.DoesNotContain(path, RingSweeper.SweepStale(topology: topology)); // live owner: untouched
                owner.Kill();
            }
            Assert.True(File.Exists(path)); // kill -9 ran no cleanup

            var error = Assert.Throws<RingException>(() => FrameRingReader.Attach(path, 0));
            Assert.Equal(RingErrorKind.OwnerDead, error.Kind);
            Assert.Contains($"valkka.{topology}.cam", error.Message);

            var removed = RingSweeper.SweepStale(topology: topology);

            Assert.Contains(path, removed);
            Assert.False(File.Exists(path));
            Assert.DoesNotContain(live.Path, removed);
            Assert.True(File.Exists(live.Path));
            Assert.Equal(RingErrorKind.NotFound, Assert.Throws<RingException>(() => FrameRingReader.Attach(path, 0)).Kind);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static ChildProcess HoldLease(string path, int index, (int Slot, long Sequence) frame)
    {
        var reader = ShmTestProcess.Start("hold-lease", path, index.ToString(CultureInfo.InvariantCulture),
                                         frame.Slot.ToString(CultureInfo.InvariantCulture),
                                         frame.Sequence.ToString(CultureInfo.InvariantCulture));
        try
        {
            reader.Expect("LEASED");
            return reader;
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }
}
