namespace Valkka.Actors.Node;

/// <summary>
/// Names this host's shared memory: /etc/machine-id plus the boot id, so two nodes share rings
/// only if both are equal (a container with its own /dev/shm should give its own machine id).
/// The environment variable VALKKA_HOST_IDENTITY overrides it (containers that share or do not
/// share /dev/shm with the host, tests that play a second host).
/// </summary>
public static class HostIdentity
{
    private static readonly Lazy<string> Value = new(Read);

    public static string Current => Value.Value;

    public const string OverrideVariable = "VALKKA_HOST_IDENTITY";

    private static string Read()
    {
        var overridden = Environment.GetEnvironmentVariable(OverrideVariable);
        if (!string.IsNullOrWhiteSpace(overridden)) return overridden.Trim();
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
