namespace Valkka.Shm.Tests;

[Collection(SweepCollection.Name)]
public sealed class RingDirectoryTests
{
    [Fact]
    public void Listing_shows_live_rings_with_their_counters_and_dead_ones_with_the_problem()
    {
        using var live = TestRings.Create(slotCount: 3, slotCapacity: 1000);
        live.RegisterReader();
        TestRings.WriteFrame(live, 1, length: 1000);
        using var stale = TestRings.Create();
        RingCreationTests.MakeOwnerLookDead(stale.Path);

        var rings = RingDirectory.List();

        var liveStatus = Assert.Single(rings, r => r.Path == live.Path);
        Assert.Equal(new RingStatus(live.Path, Environment.ProcessId, true, 3, 1000, 1, 0, 1, null), liveStatus);
        var staleStatus = Assert.Single(rings, r => r.Path == stale.Path);
        Assert.False(staleStatus.OwnerAlive);
        Assert.Contains("another process", staleStatus.Problem);
    }
}
