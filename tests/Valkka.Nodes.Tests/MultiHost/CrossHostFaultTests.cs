using System.Diagnostics;

namespace Valkka.Nodes.Tests.MultiHost;

/// <summary>
/// Faults between hosts: camera node on host A, client node on host B. The link between them down
/// for 10 s: frames resume on B within 5 s of its return, and B's relay says what was lost; the
/// camera node killed and restarted on A: B's relay picks it up again.
/// </summary>
[Trait("Speed", "Slow")]
public sealed class CrossHostFaultTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Frames_resume_on_B_after_the_link_comes_back_and_after_the_camera_node_restarts()
    {
        using var split = new SplitMain2();
        var (a, b) = (split.A, split.B);
        var cameras = split.Start("cameras");
        var client1 = split.Start("client1");
        await Wait.UntilAsync(() => client1.Analyzed("c1") > 25, Deadline, "c1's first second of frames");

        a.CutLink();
        await Task.Delay(TimeSpan.FromSeconds(10));   // the fault's length, not a wait for a condition
        var stalled = client1.Analyzed("c1");
        a.RestoreLink();
        var back = Stopwatch.StartNew();
        try
        {
            await Wait.UntilAsync(() => client1.Analyzed("c1") > stalled + 5, Deadline, "c1's frames after the link came back");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\ncameras on A:\n{cameras.Story()}\nclient1 on B:\n{client1.Story()}", e);
        }
        var resumedAfter = back.Elapsed;
        var resubscribed = Assert.Single(client1.LogLines("(generation 2;"));
        Assert.True(resumedAfter <= TimeSpan.FromSeconds(5),
            $"frames resumed {resumedAfter.TotalSeconds:0.0} s after the link came back (relay: {resubscribed}):\n{client1.Process.Tail()}");

        var beforeRestart = client1.Analyzed("c1");
        cameras.KillAndRestart();
        await Wait.UntilAsync(() => client1.Analyzed("c1") > beforeRestart + 25, Deadline, "c1's frames after the camera node restarted");
        Assert.Single(client1.LogLines("(generation 3;"));

        await client1.StopAsync();
        await cameras.StopAsync();
        Assert.Empty(a.SharedMemoryFiles());
        Assert.Empty(b.SharedMemoryFiles());
    }
}
