using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace Valkka.Bench;

/// <summary>What a report says about where and when it was measured (load average included: shared machines).</summary>
public static class MachineInfo
{
    public static JsonObject Describe() => new()
    {
        ["cpu"] = CpuModel(),
        ["cores"] = Environment.ProcessorCount,
        ["kernel"] = RuntimeInformation.OSDescription,
        ["runtime"] = RuntimeInformation.FrameworkDescription,
        ["date_utc"] = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss"),
        ["load_average"] = LoadAverage(),
    };

    public static string LoadAverage()
    {
        try { return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
        catch (IOException) { return "unknown"; }
    }

    private static string CpuModel()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line?.Split(':', 2)[1].Trim() ?? "unknown";
        }
        catch (IOException) { return "unknown"; }
    }
}
