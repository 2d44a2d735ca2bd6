namespace Valkka.Shm.Tests;

[Collection(SweepCollection.Name)]
public sealed class RingSweeperTests
{
    [Fact]
    public void Sweep_removes_a_ring_whose_pid_was_reused_and_keeps_live_ones()
    {
        string topology = TestRings.NewTopology();
        using var live = TestRings.Create(ring: "live", topology: topology);
        using var stale = TestRings.Create(ring: "stale", topology: topology);
        RingCreationTests.MakeOwnerLookDead(stale.Path);

        var removed = RingSweeper.SweepStale(topology: topology);

        Assert.Contains(stale.Path, removed);
        Assert.DoesNotContain(live.Path, removed);
        Assert.False(File.Exists(stale.Path));
        Assert.True(File.Exists(live.Path));
    }

    [Fact]
    public void Sweep_removes_a_ring_whose_owner_pid_is_dead()
    {
        string topology = TestRings.NewTopology();
        using var ring = TestRings.Create(topology: topology);
        int deadPid = DeadPid();
        using (var file = new FileStream(ring.Path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
        {
            file.Position = 28;
            file.Write(BitConverter.GetBytes(deadPid));
        }

        Assert.Contains(ring.Path, RingSweeper.SweepStale(topology: topology));
        Assert.False(File.Exists(ring.Path));
    }

    [Fact]
    public void Sweep_removes_a_half_made_ring_of_a_dead_creator_and_leaves_foreign_files()
    {
        string topology = TestRings.NewTopology();
        string halfMade = RingPaths.For(topology, "cam") + ".creating-" + DeadPid() + "-1";
        string foreign = RingPaths.For(topology, "notaring");
        try
        {
            File.WriteAllBytes(halfMade, new byte[100]);
            File.WriteAllBytes(foreign, new byte[4096]);

            var removed = RingSweeper.SweepStale(topology: topology);

            Assert.Contains(halfMade, removed);
            Assert.True(File.Exists(foreign));
        }
        finally
        {
            File.Delete(halfMade);
            File.Delete(foreign);
        }
    }

    [Fact]
    public void Sweep_of_a_directory_without_rings_removes_nothing()
    {
        string directory = Directory.CreateTempSubdirectory("valkka-sweep").FullName;
        try
        {
            Assert.Empty(RingSweeper.SweepStale(directory));
            Assert.Empty(RingSweeper.SweepStale(Path.Combine(directory, "missing")));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>The pid of a process that ran and has been reaped.</summary>
    private static int DeadPid()
    {
        using var process = System.Diagnostics.Process.Start("true")!;
        process.WaitForExit();
        return process.Id;
    }
}
