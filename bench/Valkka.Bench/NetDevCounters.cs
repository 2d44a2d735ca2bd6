namespace Valkka.Bench;

/// <summary>Bytes received plus sent on one interface of a process's network namespace (/proc/PID/net/dev).</summary>
public static class NetDevCounters
{
    public static long Bytes(int pid, string device)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/net/dev"))
        {
            int colon = line.IndexOf(':');
            if (colon < 0 || line[..colon].Trim() != device) continue;
            // receive: bytes packets errs drop fifo frame compressed multicast; transmit: bytes ...
            var fields = line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return long.Parse(fields[0]) + long.Parse(fields[8]);
        }
        throw new InvalidOperationException($"no interface {device} in /proc/{pid}/net/dev");
    }
}
