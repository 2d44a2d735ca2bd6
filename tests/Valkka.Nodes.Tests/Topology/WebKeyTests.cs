using Valkka.Actors.Topology;
using Valkka.Nodes.Tests.Control;
using Valkka.Nodes.Tests.Support;

namespace Valkka.Nodes.Tests.Topology;

/// <summary>
/// The root key web { listen, token-file }: where `valkka run` serves the live view (127.0.0.1 by default), the
/// token file (private, not empty), an address off loopback only with a token and tls, and their errors.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public class WebKeyTests
{
    private static TopologyParseResult WithWeb(string web) => Topologies.Load(Topologies.Valid() + "\nvalkka.web " + web + "\n");

    [Fact]
    public void No_web_key_means_no_live_view() => Assert.Null(Topologies.Load(Topologies.Valid()).Topology!.Web);

    [Theory]
    [InlineData("{ }", "127.0.0.1", 8080)]
    [InlineData("{ listen = \"127.0.0.1:9090\" }", "127.0.0.1", 9090)]
    [InlineData("{ listen = \"8081\" }", "127.0.0.1", 8081)]
    [InlineData("{ listen = \"[::1]:8082\" }", "::1", 8082)]
    public void Listen_is_read_with_loopback_by_default(string web, string host, int port)
    {
        var result = WithWeb(web);
        Assert.Empty(result.Errors);
        Assert.Equal(new WebDefinition(new ListenAddress(host, port)), result.Topology!.Web);
    }

    [Theory]
    [InlineData("{ listen = \"127.0.0.1:http\" }", "valkka.web.listen", "port from 0 to 65535")]
    [InlineData("{ listen = \"camera.local:8080\" }", "valkka.web.listen", "is not an IP address")]
    [InlineData("{ port = 8080 }", "valkka.web.port", "unknown key")]
    [InlineData("{ token-file = \"\" }", "valkka.web.token-file", "must not be empty")]
    public void A_bad_web_key_is_named(string web, string path, string message)
    {
        var error = Assert.Single(WithWeb(web).Errors);
        Assert.Equal(path, error.Path);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Off_loopback_the_web_server_needs_a_token_file_and_tls()
    {
        var errors = WithWeb("{ listen = \"0.0.0.0:8080\" }").Errors;
        Assert.Equal(["valkka.web.token-file", "valkka.tls"], errors.Select(e => e.Path));
        Assert.All(errors, e => Assert.Contains("web.listen 0.0.0.0:8080 is not a loopback address", e.Message));
    }

    [Fact]
    public void The_token_file_is_relative_to_the_topology_and_must_be_private_and_hold_a_token()
    {
        var folder = ControlServer.MakeFolder("valkka.web { listen = \"127.0.0.1:0\", token-file = web.token }");
        try
        {
            var path = Path.Combine(folder, "topology.conf");
            TopologyParseResult Load() => TopologyLoader.Load(path, new ValidationScope { CheckPorts = false, CheckShmSpace = false });
            Assert.Empty(Load().Errors);
            Assert.Equal(ControlServer.TokenFile(folder), Load().Topology!.Web!.TokenFile);

            File.SetUnixFileMode(ControlServer.TokenFile(folder), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
            var error = Assert.Single(Load().Errors);
            Assert.Equal("valkka.web.token-file", error.Path);
            Assert.Contains("mode 0640 lets others read the token", error.Message);

            File.SetUnixFileMode(ControlServer.TokenFile(folder), UnixFileMode.UserRead | UnixFileMode.UserWrite);
            File.WriteAllText(ControlServer.TokenFile(folder), " \n");
            Assert.Contains("the file is empty", Assert.Single(Load().Errors).Message);

            File.Delete(ControlServer.TokenFile(folder));
            Assert.Contains("no such file", Assert.Single(Load().Errors).Message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
