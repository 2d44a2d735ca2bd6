using Valkka.Actors.Topology;
using Valkka.Nodes.Tests.Support;

namespace Valkka.Nodes.Tests.Topology;

/// <summary>A node that other machines could reach must use TLS unless the topology says insecure; TLS files are checked by name.</summary>
public class SecurityKeyTests
{
    private static readonly string Exposed = Topologies.Valid().Replace("work { host = 127.0.0.1,", "work { host = 192.0.2.7,");

    [Fact]
    public void A_node_on_a_non_loopback_address_without_tls_is_an_error_naming_the_node_and_the_way_out()
    {
        var errors = Topologies.Errors(Exposed);
        var error = Assert.Single(errors);
        Assert.StartsWith("valkka.nodes.work.host: node \"work\" listens on 192.0.2.7, which is not loopback", error);
        Assert.Contains("tls { ca = ..., certificates = ... }", error);
        Assert.Contains("valkka.insecure = on", error);
    }

    [Fact]
    public void Insecure_on_lets_a_non_loopback_node_run_without_tls()
    {
        Assert.Empty(Topologies.Errors(Exposed.Replace("name = unit", "name = unit\n  insecure = on")));
    }

    [Fact]
    public void Tls_files_are_resolved_against_the_topology_folder_and_a_missing_one_is_named()
    {
        using var dir = new TempDirectory();
        var text = Exposed.Replace("name = unit", "name = unit\n  tls { ca = \"certs/ca.crt\", certificates = \"certs\" }");
        var result = TopologyLoader.LoadText(text, "unit", Path.Combine(dir.Path, "t.conf"),
            new ValidationScope { CheckPorts = false, CheckShmSpace = false, Nodes = ["work"] });
        Assert.Equal(Path.Combine(dir.Path, "certs", "ca.crt"), TopologyParser.Parse(text, "unit", Path.Combine(dir.Path, "t.conf")).Topology!.Tls!.CaFile);
        var error = Assert.Single(result.Errors).ToString();
        Assert.Equal($"valkka.tls: {Path.Combine(dir.Path, "certs", "ca.crt")}: no such file (the CA certificate; `valkka cert` makes it)", error);
    }

    [Fact]
    public void Unknown_tls_key_is_reported()
    {
        var text = Topologies.Valid().Replace("name = unit", "name = unit\n  tls { ca = a.crt, certificates = certs, key = x }");
        Assert.Contains("valkka.tls.key: unknown key (known keys: ca, certificates)", Topologies.Errors(text));
    }

    [Fact]
    public void With_tls_no_node_may_take_the_launcher_s_certificate_name()
    {
        var text = Topologies.Valid().Replace("name = unit", "name = unit\n  tls { ca = a.crt, certificates = certs }").Replace("work {", "launcher {").Replace("node = work", "node = launcher");
        Assert.Contains("valkka.nodes.launcher: with tls, \"launcher\" names the certificate of `valkka run`'s live view (launcher.crt); give the node another name",
            Topologies.Errors(text));
        Assert.DoesNotContain(Topologies.Errors(text.Replace("tls { ca = a.crt, certificates = certs }", "")), e => e.StartsWith("valkka.nodes.launcher", StringComparison.Ordinal));
    }
}
