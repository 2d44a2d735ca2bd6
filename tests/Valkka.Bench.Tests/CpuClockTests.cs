using System.Diagnostics;

namespace Valkka.Bench.Tests;

public class CpuClockTests
{
    [Fact]
    public void Thread_and_process_cpu_grow_while_this_thread_works()
    {
        var thread0 = CpuClock.Thread();
        var process0 = CpuClock.Process();
        var sw = Stopwatch.StartNew();
        ulong x = 1;
        while (CpuClock.Thread() - thread0 < TimeSpan.FromMilliseconds(30) && sw.Elapsed < TimeSpan.FromSeconds(30)) x = x * 6364136223846793005 + 1;
        Assert.NotEqual(0UL, x | 1);
        Assert.True(CpuClock.Thread() > thread0);
        Assert.True(CpuClock.Process() - process0 >= CpuClock.Thread() - thread0 - TimeSpan.FromMilliseconds(10));
    }

    [Fact]
    public void Cpu_of_a_live_process_is_read_from_proc_and_a_gone_one_is_null()
    {
        Assert.NotNull(CpuClock.OfProcess(Environment.ProcessId));
        Assert.Null(CpuClock.OfProcess(int.MaxValue));
    }
}
