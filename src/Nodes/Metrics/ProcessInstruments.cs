using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Valkka.Nodes.Metrics;

/// <summary>
/// The node process itself (label node; "in-process" when every node runs in one process): CPU
/// time, resident memory, garbage collections and heap, and how often `valkka run` restarted it.
/// </summary>
public sealed class ProcessInstruments
{
    public ProcessInstruments(Meter meter, string node, int restarts)
    {
        var tag = new KeyValuePair<string, object?>("node", node);
        meter.CreateObservableCounter("valkka.node.cpu.time", () => new Measurement<double>(CpuSeconds(), tag),
            "s", "CPU time of the node's process (user and system)");
        meter.CreateObservableGauge("valkka.node.memory.resident", () => new Measurement<long>(Environment.WorkingSet, tag),
            "By", "Resident memory of the node's process");
        meter.CreateObservableGauge("valkka.node.gc.heap.size", () => new Measurement<long>(GC.GetTotalMemory(false), tag),
            "By", "Bytes allocated on the managed heap and not yet collected");
        meter.CreateObservableCounter("valkka.node.gc.collections",
            () => Enumerable.Range(0, GC.MaxGeneration + 1).Select(g => new Measurement<long>(GC.CollectionCount(g), tag, new("generation", g.ToString(System.Globalization.CultureInfo.InvariantCulture)))).ToList(),
            "{collection}", "Garbage collections of each generation (a collection of generation 2 counts in 0 and 1 too)");
        meter.CreateObservableCounter("valkka.node.restarts", () => new Measurement<long>(restarts, tag),
            "{restart}", "Times `valkka run` restarted this node after it died (this process is restart number N)");
    }

    private static double CpuSeconds()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime.TotalSeconds;
    }
}
