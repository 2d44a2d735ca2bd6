using System.Diagnostics;

namespace Valkka.TestSupport.Hosts;

/// <summary>
/// A private network of test hosts: a "switch" network namespace holding a bridge, and one
/// <see cref="TestHost"/> per host, each linked to the bridge by a veth pair, with addresses
/// 10.77.0.N/24 that exist only inside these namespaces. Dispose removes every namespace, mount and
/// process (also after a failed test); namespaces left by a test process that died are removed on the
/// next Create. Needs root.
/// </summary>
public sealed class TestNetwork : IDisposable
{
    private const string Prefix = "vk";
    private static int _networks;
    private readonly List<TestHost> _hosts = [];
    private bool _disposed;

    private TestNetwork(string name) => Name = name;

    /// <summary>The namespace-name prefix of this network: vk{test process pid}n{ordinal}.</summary>
    public string Name { get; }
    public IReadOnlyList<TestHost> Hosts => _hosts;
    internal string SwitchNamespace => Name + "sw";

    public static TestNetwork Create()
    {
        RemoveLeftovers();
        var network = new TestNetwork($"{Prefix}{Environment.ProcessId}n{Interlocked.Increment(ref _networks)}");
        try
        {
            HostCommands.Run("ip", "netns", "add", network.SwitchNamespace);
            HostCommands.Run("ip", "-n", network.SwitchNamespace, "link", "add", "br0", "type", "bridge");
            HostCommands.Run("ip", "-n", network.SwitchNamespace, "link", "set", "br0", "up");
        }
        catch
        {
            network.Dispose();
            throw;
        }
        return network;
    }

    /// <summary>A new host named name (its host identity says it), with the next address on the network.</summary>
    public TestHost AddHost(string name)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var host = new TestHost(this, name, _hosts.Count + 1);
        _hosts.Add(host);
        try
        {
            host.Create();
        }
        catch
        {
            host.Dispose();
            throw;
        }
        return host;
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        foreach (var host in _hosts) host.Dispose();
        HostCommands.RunAll([["ip", "netns", "del", SwitchNamespace]]);
    }

    /// <summary>Namespaces and mounts of test processes that are gone (killed before their Dispose ran).</summary>
    private static void RemoveLeftovers()
    {
        var list = ChildProcess.Run("ip", ["netns", "list"], TimeSpan.FromSeconds(30));
        foreach (var line in list.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var ns = line.Split(' ')[0];
            if (!ns.StartsWith(Prefix, StringComparison.Ordinal)) continue;
            var digits = new string(ns.Skip(Prefix.Length).TakeWhile(char.IsAsciiDigit).ToArray());
            if (!int.TryParse(digits, out var pid) || pid == Environment.ProcessId || IsAlive(pid)) continue;
            TestHost.RemoveNamespace(ns);
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
