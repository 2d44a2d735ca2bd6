using Valkka.Actors.Tests.Support;

namespace Valkka.Actors.Tests.Flow;

/// <summary>
/// Another process (dd) writes garbage over a streaming camera's ring header and slot table: the
/// client watching its doorbell refuses what is not the camera's, goes on with the camera's next
/// frames, and the camera restores its header, so a new reader attaches again.
/// </summary>
public sealed class RingGarbageTests() : Akka.TestKit.Xunit2.TestKit(Nodes.Remote())
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private const int HeaderSize = 128, SlotEntrySize = 576, Slots = 8;

    [Fact]
    public void A_client_goes_on_and_the_camera_repairs_its_ring_after_garbage_from_another_process()
    {
        using var topology = new TestTopology();
        var camera = Scenario.StartCamera(Sys, Scenario.PatternCamera(topology, "a", fps: 30, slots: Slots, size: "320x240"));
        var analyzer = new PatternAnalyzer();
        var client = Scenario.StartClient(Sys, topology, "c1", "a", camera.Path.ToStringWithoutAddress(), analyzer);
        AwaitCondition(() => analyzer.Intact >= 20, Deadline, TimeSpan.FromMilliseconds(100));
        string ring = topology.CameraRing("a");

        const long garbage = 1L << 40;
        for (int slot = 0; slot < Slots; slot++)
        {
            long entry = HeaderSize + (long)slot * SlotEntrySize;
            ForeignWrite.At(ring, entry, garbage + 2 * slot);      // sequence
            ForeignWrite.At(ring, entry + 24, 1_000_000);          // stride
        }
        ForeignWrite.At(ring, 0, 0x1122334455667788L);             // magic
        ForeignWrite.At(ring, 64, garbage);                        // frames written
        ForeignWrite.At(ring, 104, (garbage << 16) | 3);           // latest frame
        long before = analyzer.Intact;

        AwaitCondition(() => analyzer.Intact >= before + 30, Deadline, TimeSpan.FromMilliseconds(100));
        AwaitCondition(() => Probe.Camera(camera).RingRepairs >= 1, Deadline, TimeSpan.FromMilliseconds(100));
        using (var reader = Valkka.Shm.FrameRingReader.Attach(ring, 40))
        {
            Assert.Equal(Slots, reader.SlotCount);
        }
        Assert.True(Probe.Client(client, "a").Attached);
    }
}
