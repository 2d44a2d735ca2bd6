namespace Valkka.TestSupport.Hosts;

/// <summary>
/// One host of a <see cref="TestNetwork"/>: its own network namespace (lo, and eth0 at
/// <see cref="Address"/> linked to the network's bridge) and its own mount namespace, kept for the
/// host's lifetime, with a private tmpfs on /dev/shm, so processes of two hosts can share neither
/// memory nor loopback. Processes started here get VALKKA_HOST_IDENTITY = <see cref="Identity"/>.
/// Dispose kills them by pid and removes the namespaces.
/// </summary>
public sealed class TestHost : IDisposable
{
    private const string MountRoot = "/run/valkka-test-hosts";
    private readonly TestNetwork _network;
    private readonly int _number;
    private readonly List<ChildProcess> _processes = [];
    private bool _disposed;

    internal TestHost(TestNetwork network, string name, int number)
    {
        _network = network;
        _number = number;
        Name = name;
        Namespace = $"{network.Name}h{number}";
        Address = $"10.77.0.{number}";
        Identity = $"test-host-{name}-{Namespace}";
    }

    public string Name { get; }
    /// <summary>The network namespace (ip netns).</summary>
    public string Namespace { get; }
    /// <summary>This host's address on the test network (exists only inside the hosts' namespaces).</summary>
    public string Address { get; }
    /// <summary>The host identity (VALKKA_HOST_IDENTITY) of every process started here.</summary>
    public string Identity { get; }

    private string SwitchPort => "p" + _number;
    private static string MountFolder(string ns) => Path.Combine(MountRoot, ns);
    private static string MountNamespaceFile(string ns) => Path.Combine(MountFolder(ns), "mnt");

    internal void Create()
    {
        var folder = MountFolder(Namespace);
        Directory.CreateDirectory(folder);
        // A mount namespace can be kept in a file only on a private mount.
        HostCommands.Run("mount", "--bind", folder, folder);
        HostCommands.Run("mount", "--make-private", folder);
        File.WriteAllBytes(MountNamespaceFile(Namespace), []);
        HostCommands.Run("unshare", $"--mount={MountNamespaceFile(Namespace)}", "--propagation", "private",
            "mount", "-t", "tmpfs", "-o", "size=256m,mode=1777", "tmpfs", "/dev/shm");
        HostCommands.Run("ip", "netns", "add", Namespace);
        HostCommands.Run("ip", "link", "add", "eth0", "netns", Namespace, "type", "veth", "peer", "name", SwitchPort, "netns", _network.SwitchNamespace);
        HostCommands.Run("ip", "-n", _network.SwitchNamespace, "link", "set", SwitchPort, "master", "br0");
        HostCommands.Run("ip", "-n", _network.SwitchNamespace, "link", "set", SwitchPort, "up");
        HostCommands.Run("ip", "-n", Namespace, "addr", "add", Address + "/24", "dev", "eth0");
        HostCommands.Run("ip", "-n", Namespace, "link", "set", "eth0", "up");
        HostCommands.Run("ip", "-n", Namespace, "link", "set", "lo", "up");
    }

    /// <summary>Starts a program on this host.</summary>
    public ChildProcess Start(string file, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var child = ChildProcess.Start("nsenter", [.. Enter(), file, .. arguments], Options(environment));
        _processes.Add(child);
        return child;
    }

    /// <summary>Starts a .NET program (its dll) on this host with the dotnet host that runs the tests.</summary>
    public ChildProcess StartDotnet(string dll, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null) =>
        Start(DotnetHost.Find(), ["exec", dll, .. arguments], environment);

    /// <summary>Runs a program on this host to its end.</summary>
    public ChildProcessResult Run(string file, params string[] arguments) =>
        ChildProcess.Run("nsenter", [.. Enter(), file, .. arguments], TimeSpan.FromSeconds(60), Options(null));

    /// <summary>The names of the files in this host's /dev/shm.</summary>
    public IReadOnlyList<string> SharedMemoryFiles() =>
        Run("ls", "-A", "/dev/shm").ThrowIfFailed().Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Cuts this host off the network (its switch port stops forwarding; the host's own link stays up, as when a link further away fails).</summary>
    public void CutLink() => HostCommands.Run("bridge", "-n", _network.SwitchNamespace, "link", "set", "dev", SwitchPort, "state", "0");

    /// <summary>Connects this host to the network again after <see cref="CutLink"/>.</summary>
    public void RestoreLink() => HostCommands.Run("bridge", "-n", _network.SwitchNamespace, "link", "set", "dev", SwitchPort, "state", "3");

    private string[] Enter() => [$"--net=/run/netns/{Namespace}", $"--mount={MountNamespaceFile(Namespace)}", "--"];

    private ChildProcessOptions Options(IReadOnlyDictionary<string, string>? environment)
    {
        var variables = new Dictionary<string, string>(environment ?? new Dictionary<string, string>())
        {
            ["VALKKA_HOST_IDENTITY"] = Identity,
        };
        return new ChildProcessOptions(variables);
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        foreach (var process in _processes) process.Dispose();
        RemoveNamespace(Namespace);
    }

    /// <summary>Removes a host's namespaces and mounts, whatever of them exists.</summary>
    internal static void RemoveNamespace(string ns)
    {
        var folder = MountFolder(ns);
        HostCommands.RunAll([["umount", MountNamespaceFile(ns)], ["umount", folder], ["ip", "netns", "del", ns]]);
        try { if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true); }
        catch (IOException) { }
    }
}
