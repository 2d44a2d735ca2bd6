using Valkka.Shm.Layout;

namespace Valkka.Shm.Tests;

[Collection(SweepCollection.Name)]
public sealed class AttachErrorTests
{
    [Fact]
    public void Attaching_a_missing_ring_says_it_does_not_exist()
    {
        string path = RingPaths.For(TestRings.NewTopology(), "nothing");
        var error = Assert.Throws<RingException>(() => FrameRingReader.Attach(path, 0));
        Assert.Equal(RingErrorKind.NotFound, error.Kind);
        Assert.Contains(Path.GetFileName(path), error.Message);
        Assert.Contains("does not exist", error.Message);
    }

    [Fact]
    public void Attaching_a_ring_with_corrupt_magic_says_wrong_magic()
    {
        using var writer = TestRings.Create();
        Overwrite(writer.Path, offset: 0, BitConverter.GetBytes(0x1122334455667788UL));

        var error = Assert.Throws<RingException>(() => FrameRingReader.Attach(writer.Path, 0));

        Assert.Equal(RingErrorKind.BadMagic, error.Kind);
        Assert.Contains("wrong magic", error.Message);
        Assert.Contains(Path.GetFileName(writer.Path), error.Message);
    }

    [Fact]
    public void Attaching_a_ring_of_another_layout_version_says_version_mismatch()
    {
        using var writer = TestRings.Create();
        Overwrite(writer.Path, offset: 8, BitConverter.GetBytes(RingLayout.Version + 1));

        var error = Assert.Throws<RingException>(() => FrameRingReader.Attach(writer.Path, 0));

        Assert.Equal(RingErrorKind.VersionMismatch, error.Kind);
        Assert.Contains($"version {RingLayout.Version + 1}", error.Message);
    }

    [Fact]
    public void Attaching_a_ring_with_inconsistent_sizes_is_refused()
    {
        using var writer = TestRings.Create(slotCount: 2, slotCapacity: 4096);
        Overwrite(writer.Path, offset: 16, BitConverter.GetBytes(5000)); // slot count beyond the file

        var error = Assert.Throws<RingException>(() => FrameRingReader.Attach(writer.Path, 0));

        Assert.Equal(RingErrorKind.BadMagic, error.Kind);
        Assert.Contains("corrupt header", error.Message);
    }

    [Fact]
    public void Attaching_a_file_too_small_for_a_header_is_refused()
    {
        string path = RingPaths.For(TestRings.NewTopology(), "tiny");
        try
        {
            File.WriteAllBytes(path, new byte[10]);
            var error = Assert.Throws<RingException>(() => FrameRingReader.Attach(path, 0));
            Assert.Equal(RingErrorKind.BadMagic, error.Kind);
            Assert.Contains("10 bytes", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Attaching_with_a_reader_index_outside_0_to_63_is_refused()
    {
        using var writer = TestRings.Create();
        Assert.Equal(RingErrorKind.InvalidArgument,
                     Assert.Throws<RingException>(() => FrameRingReader.Attach(writer.Path, 64)).Kind);
        Assert.Equal(RingErrorKind.InvalidArgument,
                     Assert.Throws<RingException>(() => FrameRingReader.Attach(writer.Path, -1)).Kind);
    }

    [Fact]
    public void Attaching_a_ring_whose_owner_pid_was_reused_says_owner_dead()
    {
        using var writer = TestRings.Create();
        Overwrite(writer.Path, offset: 32, BitConverter.GetBytes(ProcessIdentity.CurrentStartTime + 1));

        var error = Assert.Throws<RingException>(() => FrameRingReader.Attach(writer.Path, 0));

        Assert.Equal(RingErrorKind.OwnerDead, error.Kind);
        Assert.Contains("another process", error.Message);
    }

    private static void Overwrite(string path, long offset, byte[] bytes)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
        file.Position = offset;
        file.Write(bytes);
    }
}
