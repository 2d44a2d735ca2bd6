namespace Valkka.Actors;

/// <summary>
/// Names this host's shared memory: /etc/machine-id plus the boot id, so two nodes share rings
/// only if both are equal (a container with its own /dev/shm should give its own machine id).
/// </summary>
public static class HostIdentity
{
    private static readonly Lazy<string> Value = new(Read);

    public static string Current => Value.Value;

    private static string Read()
    {
        string machine = ReadFirstLine("/etc/machine-id") ?? ReadFirstLine("/var/lib/dbus/machine-id") ?? Environment.MachineName;
        string boot = ReadFirstLine("/proc/sys/kernel/random/boot_id") ?? "unknown-boot";
        return machine + "/" + boot;
    }

    private static string? ReadFirstLine(string path)
    {
        try
        {
            var line = File.ReadLines(path).FirstOrDefault()?.Trim();
            return string.IsNullOrEmpty(line) ? null : line;
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }
}
