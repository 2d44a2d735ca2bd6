using Valkka.TestSupport.Hosts;

namespace Valkka.Nodes.Tests.MultiHost;

/// <summary>The test hosts are real separate hosts: no shared /dev/shm, TCP between their addresses, a link that can be cut.</summary>
public sealed class TestHostTests
{
    private const string Python = "/usr/bin/python3";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public void Two_hosts_share_no_shared_memory_talk_TCP_and_their_link_can_be_cut_and_restored()
    {
        using var network = TestNetwork.Create();
        var a = network.AddHost("A");
        var b = network.AddHost("B");
        var marker = $"valkka-test-marker-{network.Name}";

        a.Run("touch", "/dev/shm/" + marker).ThrowIfFailed();
        Assert.Contains(marker, a.SharedMemoryFiles());
        Assert.DoesNotContain(marker, b.SharedMemoryFiles());
        Assert.False(File.Exists("/dev/shm/" + marker), "host A's /dev/shm is the machine's");
        Assert.Equal(a.Identity, a.Run("printenv", "VALKKA_HOST_IDENTITY").ThrowIfFailed().Output.Trim());

        using var server = b.Start(Python, ["-u", "-c", EchoServer, b.Address]);
        server.WaitForLine("LISTENING", Deadline);
        Assert.Equal("hello from B", Connect(a, b, timeoutSeconds: 10).ThrowIfFailed().Output.Trim());

        a.CutLink();
        var cut = Connect(a, b, timeoutSeconds: 1);
        Assert.NotEqual(0, cut.ExitCode);
        a.RestoreLink();
        Assert.Equal("hello from B", Connect(a, b, timeoutSeconds: 10).ThrowIfFailed().Output.Trim());
    }

    private static ChildProcessResult Connect(TestHost from, TestHost to, int timeoutSeconds) =>
        from.Run(Python, "-c", $"import socket; s = socket.create_connection(('{to.Address}', 7001), timeout={timeoutSeconds}); print(s.recv(100).decode())");

    private const string EchoServer = """
        import socket, sys
        s = socket.socket()
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind((sys.argv[1], 7001))
        s.listen()
        print("LISTENING", flush=True)
        while True:
            c, _ = s.accept()
            c.sendall(b"hello from B")
            c.close()
        """;
}
