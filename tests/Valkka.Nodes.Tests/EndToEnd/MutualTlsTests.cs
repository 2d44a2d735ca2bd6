using Akka.Actor;
using Akka.Configuration;
using Valkka.Actors.Node;
using Valkka.Actors.Security;
using Valkka.Actors.Topology;
using Valkka.Nodes.Tests.Support;

namespace Valkka.Nodes.Tests.EndToEnd;

/// <summary>
/// Nodes with `tls` talk over Akka.Remote's DotNetty TLS with mutual authentication, using the CA
/// and certificates `valkka cert` made; a peer whose certificate another CA signed cannot reach
/// them; a peer with a good certificate can resolve and watch actors but not stop them or deploy.
/// Main3 running over TLS is tested together with its live view (Web/LiveViewTlsTests).
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
[Trait("Speed", "Slow")]
public class MutualTlsTests
{
    private const string Tls = "valkka.tls { ca = \"certs/ca.crt\", certificates = \"certs\" }";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Only_a_peer_certified_by_the_topology_CA_reaches_a_node_and_it_cannot_stop_or_deploy_actors()
    {
        int nodePort = FreeTcpPort.Pick(), probePort = FreeTcpPort.Pick(), roguePort = FreeTcpPort.Pick();
        using var topology = TestTopology.FromShipped("main2", Tls + $"\nvalkka.nodes.probe {{ port = {probePort} }}");
        var (certCode, certOutput) = await ValkkaCli.RunAsync(Deadline, "cert", topology.Path);
        Assert.True(certCode == 0, certOutput);
        using var node = ValkkaCli.Start("node", topology.Path, "--node", "cameras", "--port", $"cameras={nodePort}");
        await Wait.UntilAsync(() => node.Lines.Any(l => l.StartsWith("@valkka-stats ", StringComparison.Ordinal)) || node.HasExited,
            Deadline, "the cameras node to report");
        Assert.False(node.HasExited, node.Tail());
        var camera = $"akka.ssl.tcp://valkka@127.0.0.1:{nodePort}/user/{ActorPaths.CameraName("cam1")}";
        var definition = RunChecks.Definition(topology);

        // A peer whose certificate another CA signed (made with openssl): the handshake fails, nothing resolves.
        var rogueDir = Path.Combine(topology.Directory, "rogue");
        MakeRogueCertificates(rogueDir);
        using (var rogue = NodeCertificates.Load(new TlsDefinition(Path.Combine(rogueDir, "ca.crt"), rogueDir), "probe"))
        await using (var rogueSystem = new ProbeSystem(roguePort, rogue))
        {
            var ask = rogueSystem.System.ActorSelection(camera).Ask<ActorIdentity>(new Identify(1), TimeSpan.FromSeconds(30));
            // The rogue side may see its handshake fail (and its ask end) before the node's line about it
            // is read: wait for the node's line.
            await Wait.UntilAsync(() => Said(node, "TLS: refused") || node.HasExited, Deadline, "the node to refuse the rogue peer");
            Assert.True(Said(node, "is not signed by this topology's CA"), node.Tail());
            var resolved = ask.IsCompletedSuccessfully && (await ask).Subject is not null;
            Assert.False(resolved, "a peer with a certificate of another CA resolved the camera");
        }

        // A peer with the topology's own certificate resolves the camera; its PoisonPill and remote deployment are refused.
        using var good = NodeCertificates.Load(definition.Tls!, "probe");
        await using var probe = new ProbeSystem(probePort, good, ConfigurationFactory.ParseString(
            // The probe plays a peer that does try to deploy: Akka's own serializer for it, not Valkka's refusing one.
            "akka.actor.serializers.daemon-create = \"Akka.Remote.Serialization.DaemonMsgCreateSerializer, Akka.Remote\""));
        var identity = await probe.System.ActorSelection(camera).Ask<ActorIdentity>(new Identify(2), Deadline);
        Assert.NotNull(identity.Subject);

        identity.Subject.Tell(PoisonPill.Instance);
        await Wait.UntilAsync(() => Said(node, "stopping actors from another node is refused"), Deadline, "the PoisonPill to be refused");
        var deployed = probe.System.ActorOf(Props.Create(() => new Echo()).WithDeploy(new Deploy(new RemoteScope(
            Address.Parse($"akka.ssl.tcp://valkka@127.0.0.1:{nodePort}")))));
        deployed.Tell("hello");
        await Wait.UntilAsync(() => Said(node, "remote deployment is refused"), Deadline, "the remote deployment to be refused");

        var again = await probe.System.ActorSelection(camera).Ask<ActorIdentity>(new Identify(3), Deadline);
        Assert.Equal(identity.Subject, again.Subject);
        Assert.False(node.HasExited, node.Tail());
        node.Terminate();
        Assert.Equal(0, node.WaitForExit(Deadline));
        Assert.Empty(topology.RingsLeft());
    }

    private static bool Said(ChildProcess process, string text) => process.Output.Contains(text) || process.Errors.Contains(text);

    private static void MakeRogueCertificates(string dir)
    {
        Directory.CreateDirectory(dir);
        void Openssl(params string[] args)
        {
            var result = ChildProcess.Run("openssl", args, Deadline);
            Assert.True(result.ExitCode == 0, $"openssl {string.Join(' ', args)}: {result.Output}");
        }
        string F(string name) => Path.Combine(dir, name);
        Openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", F("ca.key"), "-out", F("ca.crt"),
            "-days", "2", "-subj", "/CN=rogue CA", "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign");
        Openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", F("probe.key"), "-out", F("probe.csr"), "-subj", "/CN=probe");
        File.WriteAllText(F("ext.cnf"), "basicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth,clientAuth\nsubjectAltName=IP:127.0.0.1,DNS:probe\n");
        Openssl("x509", "-req", "-in", F("probe.csr"), "-CA", F("ca.crt"), "-CAkey", F("ca.key"), "-CAcreateserial", "-out", F("probe.crt"),
            "-days", "2", "-extfile", F("ext.cnf"));
    }

    private sealed class Echo : ReceiveActor
    {
        public Echo() => ReceiveAny(m => Sender.Tell(m));
    }

    /// <summary>An ActorSystem on loopback with TLS and the given certificate, as another node would run.</summary>
    private sealed class ProbeSystem(int port, NodeCertificates certificates, Config? extra = null) : IAsyncDisposable
    {
        public ActorSystem System { get; } = ValkkaNode.Start(
            (extra ?? Config.Empty).WithFallback(NodeTls.Config).WithFallback(NodeConfig.Create("127.0.0.1", port, [])),
            NodeTls.Setup(certificates), "probe");

        public async ValueTask DisposeAsync() => await System.Terminate();
    }
}
