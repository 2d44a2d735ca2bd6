using Valkka.Actors.Topology;
using Valkka.Nodes.Tests.Support;

namespace Valkka.Nodes.Tests.Topology;

/// <summary>The root key web { listen }: where `valkka run` serves the live view (127.0.0.1 by default), and its errors.</summary>
public class WebKeyTests
{
    private static TopologyParseResult WithWeb(string web) => Topologies.Load(Topologies.Valid() + "\nvalkka.web " + web + "\n");

    [Fact]
    public void No_web_key_means_no_live_view() => Assert.Null(Topologies.Load(Topologies.Valid()).Topology!.Web);

    [Theory]
    [InlineData("{ }", "127.0.0.1", 8080)]
    [InlineData("{ listen = \"127.0.0.1:9090\" }", "127.0.0.1", 9090)]
    [InlineData("{ listen = \"0.0.0.0:8080\" }", "0.0.0.0", 8080)]
    [InlineData("{ listen = \"8081\" }", "127.0.0.1", 8081)]
    public void Listen_is_read_with_loopback_by_default(string web, string host, int port)
    {
        var result = WithWeb(web);
        Assert.Empty(result.Errors);
        Assert.Equal(new ListenAddress(host, port), result.Topology!.Web);
    }

    [Theory]
    [InlineData("{ listen = \"127.0.0.1:http\" }", "valkka.web.listen", "port from 0 to 65535")]
    [InlineData("{ listen = \"camera.local:8080\" }", "valkka.web.listen", "is not an IP address")]
    [InlineData("{ port = 8080 }", "valkka.web.port", "unknown key")]
    public void A_bad_web_key_is_named(string web, string path, string message)
    {
        var error = Assert.Single(WithWeb(web).Errors);
        Assert.Equal(path, error.Path);
        Assert.Contains(message, error.Message);
    }
}
