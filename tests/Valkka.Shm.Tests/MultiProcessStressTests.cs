using Xunit.Abstractions;
using System.Globalization;

namespace Valkka.Shm.Tests;

[Trait("Speed", "Slow")]
public sealed class MultiProcessStressTests(ITestOutputHelper output)
{
    private const int Frames = 20_000;
    private const int Width = 640;
    private const int Height = 480;
    private const int Slots = 6;
    private const int Readers = 3;
    private const int FramesPerSecond = 2000; // 10 s of writing: readers keep up with part of it

    [Fact]
    public void Readers_in_other_processes_never_see_a_torn_frame_and_account_for_every_announcement()
    {
        string topology = TestRings.NewTopology();
        string log = Path.Combine(Path.GetTempPath(), $"valkka-test-{topology}.announcements");
        var readers = new List<ChildProcess>();
        try
        {
            using var writer = ShmTestProcess.Start("writer", topology, "cam", S(Slots), S(Width), S(Height),
                                                   S(Frames), log, S(Readers), S(FramesPerSecond));
            string[] ready = writer.Expect("READY");
            string ringPath = ready[1];
            int[] indices = ready[2].Split(',').Select(int.Parse).ToArray();
            Assert.Equal(RingPaths.For(topology, "cam"), ringPath);
            Assert.Equal(Readers, indices.Distinct().Count());

            foreach (int index in indices)
            {
                readers.Add(ShmTestProcess.Start("reader", ringPath, S(index), log, S(1000 + index)));
            }
            foreach (var reader in readers)
            {
                reader.Expect("ATTACHED");
            }
            writer.Send("GO");

            string[] written = writer.Expect("WRITTEN", TimeSpan.FromMinutes(3));
            long committed = long.Parse(written[1]), dropped = long.Parse(written[2]), attempts = long.Parse(written[3]);
            Assert.Equal(Frames, committed);
            Assert.Equal(attempts, committed + dropped);
            output.WriteLine($"writer: committed {committed}, dropped (all slots leased) {dropped}");
            Assert.Equal(committed, long.Parse(written[4]));   // ring header: frames written
            Assert.Equal(dropped, long.Parse(written[5]));     // ring header: frames dropped

            long totalDelivered = 0;
            foreach (var reader in readers)
            {
                string[] result = reader.Expect("RESULT", TimeSpan.FromMinutes(3));
                long announced = long.Parse(result[1]), delivered = long.Parse(result[2]),
                     stale = long.Parse(result[3]), skipped = long.Parse(result[4]),
                     torn = long.Parse(result[5]), tornWhileHeld = long.Parse(result[6]);
                output.WriteLine($"reader {reader.Pid}: announced {announced}, delivered {delivered}, stale {stale}, " +
                                 $"skipped {skipped}, torn {torn}, torn while held {tornWhileHeld}");
                Assert.Equal(0, torn);
                Assert.Equal(0, tornWhileHeld);
                Assert.Equal(Frames, announced);
                Assert.Equal(announced, delivered + stale + skipped);
                Assert.True(delivered > 0, $"reader {reader.Pid} delivered nothing ({string.Join(' ', result)})");
                Assert.Equal(0, reader.WaitForExit());
                totalDelivered += delivered;
            }
            Assert.True(totalDelivered > 0);

            writer.Send("EXIT");
            Assert.Equal(0, writer.WaitForExit());
            Assert.False(File.Exists(ringPath));
        }
        finally
        {
            foreach (var reader in readers)
            {
                reader.Dispose();
            }
            File.Delete(log);
            File.Delete(RingPaths.For(topology, "cam"));
        }
    }

    private static string S(int value) => value.ToString(CultureInfo.InvariantCulture);
}
