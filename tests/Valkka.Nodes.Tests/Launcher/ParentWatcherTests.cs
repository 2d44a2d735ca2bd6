using System.Diagnostics;
using Valkka.Nodes.Node;
using Valkka.Nodes.Tests.Support;

namespace Valkka.Nodes.Tests.Launcher;

public class ParentWatcherTests
{
    [Fact]
    public async Task Notices_when_the_watched_process_is_killed()
    {
        using var parent = Process.Start("sleep", "60");
        var gone = 0;
        try
        {
            using var watcher = ParentWatcher.Start(parent.Id, TimeSpan.FromMilliseconds(100), () => Interlocked.Increment(ref gone));
            await Task.Delay(300);
            Assert.Equal(0, Volatile.Read(ref gone));

            parent.Kill();
            await parent.WaitForExitAsync();
            await Wait.UntilAsync(() => Volatile.Read(ref gone) > 0, TimeSpan.FromSeconds(10), "the watcher to notice");
            await Task.Delay(300);
            Assert.Equal(1, Volatile.Read(ref gone));
        }
        finally
        {
            if (!parent.HasExited) parent.Kill();
        }
    }

    [Fact]
    public void Refuses_to_watch_a_process_that_is_already_gone()
    {
        using var p = Process.Start("true");
        p.WaitForExit();
        var e = Assert.Throws<InvalidOperationException>(() => ParentWatcher.Start(p.Id, TimeSpan.FromMilliseconds(100), () => { }));
        Assert.Equal($"parent process {p.Id} is not running", e.Message);
    }

    [Fact]
    public void Identity_includes_the_start_time_so_a_reused_pid_is_not_the_same_process()
    {
        var self = ProcStat.Read(Environment.ProcessId)!.Value;
        Assert.True(self.IsAlive());
        Assert.False((self with { StartTime = self.StartTime + 1 }).IsAlive());
    }
}
