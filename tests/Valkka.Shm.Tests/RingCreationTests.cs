namespace Valkka.Shm.Tests;

[Collection(SweepCollection.Name)]
public sealed class RingCreationTests
{
    [Fact]
    public void Ring_larger_than_the_free_space_of_dev_shm_fails_at_creation_with_needed_and_free()
    {
        long free = new DriveInfo(RingPaths.ShmDirectory).AvailableFreeSpace;
        const int capacity = 1920 * 1080 * 3 * 4; // a 1080p float32 RGB tensor, 24.9 MB
        int slots = checked((int)(free / capacity) + 2);
        string topology = TestRings.NewTopology();

        var error = Assert.Throws<RingException>(() => FrameRingWriter.Create(topology, "huge", slots, capacity));

        Assert.Equal(RingErrorKind.NoSpace, error.Kind);
        Assert.Matches(@"needed \d+ bytes", error.Message);
        Assert.Matches(@"free \d+ bytes", error.Message);
        Assert.Contains($"valkka.{topology}.huge", error.Message);
        Assert.Empty(Directory.GetFiles(RingPaths.ShmDirectory, $"valkka.{topology}.*"));
    }

    [Fact]
    public void Ring_space_is_reserved_up_front()
    {
        using var writer = TestRings.Create(slotCount: 4, slotCapacity: 1 << 20);
        var info = new FileInfo(writer.Path);
        Assert.True(info.Length >= 4L << 20);
        // st_blocks counts allocated 512-byte blocks: all of the file is allocated, not sparse.
        Assert.True(AllocatedBytes(writer.Path) >= info.Length);
    }

    [Fact]
    public void Creating_a_ring_that_a_live_owner_has_says_it_already_exists()
    {
        using var writer = TestRings.Create();
        string[] parts = Path.GetFileName(writer.Path).Split('.');

        var error = Assert.Throws<RingException>(() => FrameRingWriter.Create(parts[1], parts[2], 2, 64));

        Assert.Equal(RingErrorKind.AlreadyExists, error.Kind);
        Assert.Contains($"process {Environment.ProcessId} is alive", error.Message);
        Assert.True(File.Exists(writer.Path));
    }

    [Fact]
    public void Creating_a_ring_over_one_of_a_dead_owner_replaces_it()
    {
        var stale = TestRings.Create(slotCount: 2);
        string path = stale.Path;
        string[] parts = Path.GetFileName(path).Split('.');
        try
        {
            MakeOwnerLookDead(path);
            using var replacement = FrameRingWriter.Create(parts[1], parts[2], 3, 64);
            Assert.Equal(3, replacement.SlotCount);
            using var reader = FrameRingReader.Attach(path, 0);
            Assert.Equal(3, reader.SlotCount);
        }
        finally
        {
            stale.Dispose();
        }
    }

    [Theory]
    [InlineData("", "cam")]
    [InlineData("top", "")]
    [InlineData("a.b", "cam")]
    [InlineData("top", "../etc")]
    [InlineData("top", "cam 1")]
    public void Bad_names_are_refused(string topology, string ring)
    {
        var error = Assert.Throws<RingException>(() => RingPaths.For(topology, ring));
        Assert.Equal(RingErrorKind.InvalidArgument, error.Kind);
    }

    [Theory]
    [InlineData(0, 100)]
    [InlineData(2, 0)]
    [InlineData(70000, 100)]
    public void Bad_sizes_are_refused(int slots, int capacity)
    {
        var error = Assert.Throws<RingException>(() => FrameRingWriter.Create(TestRings.NewTopology(), "cam", slots, capacity));
        Assert.Equal(RingErrorKind.InvalidArgument, error.Kind);
    }

    [Fact]
    public void Ring_path_names_topology_and_ring()
    {
        Assert.Equal("/dev/shm/valkka.main1.cam-1", RingPaths.For("main1", "cam-1"));
    }

    /// <summary>Writes a start time into the header that no live process has: the pid looks reused.</summary>
    internal static void MakeOwnerLookDead(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
        file.Position = 32;
        file.Write(BitConverter.GetBytes(ProcessIdentity.CurrentStartTime + 12345));
    }

    private static long AllocatedBytes(string path)
    {
        string[] output = ChildProcess.Run("stat", ["-c", "%b %B", path], TimeSpan.FromMinutes(1)).ThrowIfFailed().Output.Trim().Split(' ');
        return long.Parse(output[0]) * long.Parse(output[1]);
    }
}
