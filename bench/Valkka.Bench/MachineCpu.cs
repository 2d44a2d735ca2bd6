namespace Valkka.Bench;

/// <summary>The whole machine's CPU time from /proc/stat (every process, ours or not), to tell a busy machine from a busy benchmark.</summary>
public readonly record struct MachineCpu(long BusyTicks, long TotalTicks)
{
    public static MachineCpu Now()
    {
        var line = File.ReadLines("/proc/stat").First(l => l.StartsWith("cpu ", StringComparison.Ordinal));
        var ticks = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
        long idle = ticks[3] + (ticks.Length > 4 ? ticks[4] : 0); // idle + iowait
        long total = ticks.Take(8).Sum(); // user nice system idle iowait irq softirq steal (guest time is inside user)
        return new MachineCpu(total - idle, total);
    }

    /// <summary>Share of all cores busy between then and now.</summary>
    public double BusyShareSince(MachineCpu then) =>
        TotalTicks > then.TotalTicks ? (BusyTicks - then.BusyTicks) / (double)(TotalTicks - then.TotalTicks) : 0;
}
