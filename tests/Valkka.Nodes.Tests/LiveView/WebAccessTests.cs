using System.Net;
using System.Text;
using Valkka.Nodes.LiveView;
using Valkka.Nodes.Tests.Control;

namespace Valkka.Nodes.Tests.LiveView;

/// <summary>
/// Who may use the web server of `valkka run`, over real HTTP(S) against the real server: on loopback the page is
/// open and changes need the token; off loopback it does not start without a token and tls, and then every request
/// needs the token or the session cookie of /login, over HTTPS with the launcher's certificate.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class WebAccessTests
{
    private const string Cam9 = """{"url": "synthetic://testsrc2?size=640x360&fps=25", "node": "cams"}""";
    private const string Tls = "valkka.tls { ca = \"certs/ca.crt\", certificates = \"certs\" }";

    [Fact]
    public async Task On_loopback_without_a_token_file_the_page_is_open_and_a_change_is_refused_naming_the_key()
    {
        await using var server = await ControlServer.StartAsync(ControlServer.MakeFolder(token: null));
        using var client = server.Client();
        Assert.Equal("http", server.Address.Scheme);
        Assert.Contains("<html", await client.GetStringAsync(""));
        Assert.Contains("\"cameras\"", await client.GetStringAsync("state"));

        using var response = await client.PutAsync("api/cameras/cam9", new StringContent(Cam9, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("valkka.web.token-file", await response.Content.ReadAsStringAsync());
        using var withSomeToken = server.Client("anything");
        Assert.Equal(HttpStatusCode.Forbidden, (await withSomeToken.DeleteAsync("api/cameras/cam1")).StatusCode);
        Assert.Equal(0, server.Control.Applies);
    }

    [Fact]
    public async Task Off_loopback_the_server_does_not_start_without_a_token_file_or_tls_and_says_which_key()
    {
        var noToken = ControlServer.MakeFolder(Tls, token: null);
        ControlServer.MakeCertificates(noToken);
        var refused = await Assert.ThrowsAsync<InvalidDataException>(() => ControlServer.StartAsync(noToken, "0.0.0.0:0"));
        Assert.StartsWith("valkka.web.token-file:", refused.Message);
        Directory.Delete(noToken, recursive: true);

        var noTls = ControlServer.MakeFolder();
        refused = await Assert.ThrowsAsync<InvalidDataException>(() => ControlServer.StartAsync(noTls, "0.0.0.0:0"));
        Assert.StartsWith("valkka.tls:", refused.Message);
        Directory.Delete(noTls, recursive: true);
    }

    [Fact]
    public async Task Off_loopback_every_request_needs_the_token_or_the_login_cookie_over_HTTPS()
    {
        var folder = ControlServer.MakeFolder(Tls);
        ControlServer.MakeCertificates(folder);
        // The rule is about the listen address: 0.0.0.0 is every interface; the test connects through 127.0.0.1.
        await using var server = await ControlServer.StartAsync(folder, "0.0.0.0:0");
        Assert.Equal("https", server.Address.Scheme);

        using var anonymous = server.Client();
        using (var page = await anonymous.GetAsync(""))
        {
            Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
            Assert.Equal("/login", page.Headers.Location!.OriginalString);
        }
        foreach (var path in new[] { "state", "events", "stream/cam1", "api/status", "api/topology" })
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(path)).StatusCode);
        Assert.Contains("name=\"token\"", await anonymous.GetStringAsync("login"));
        using (var plain = new HttpClient { Timeout = TimeSpan.FromSeconds(10) })
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => plain.GetAsync($"http://127.0.0.1:{server.Address.Port}/state"));

        using (var bearer = server.Client(ControlServer.Token))
        {
            Assert.Contains("\"cameras\"", await bearer.GetStringAsync("state"));
            Assert.Contains("<html", await bearer.GetStringAsync(""));
        }

        var cookies = new CookieContainer();
        using var browser = server.Client(cookies: cookies);
        using (var wrong = await browser.PostAsync("login", new FormUrlEncodedContent([new("token", "wrong")])))
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Empty(cookies.GetAllCookies());
        using (var login = await browser.PostAsync("login", new FormUrlEncodedContent([new("token", ControlServer.Token)])))
        {
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
            var setCookie = Assert.Single(login.Headers.GetValues("Set-Cookie"));
            Assert.StartsWith(WebAccess.CookieName + "=", setCookie);
            foreach (var attribute in new[] { "httponly", "secure", "samesite=strict", "path=/" })
                Assert.Contains(attribute, setCookie.ToLowerInvariant());
        }
        Assert.Contains("<html", await browser.GetStringAsync(""));
        Assert.Contains("\"cameras\"", await browser.GetStringAsync("state"));
        // A change needs the bearer token itself: the cookie only lets a browser see.
        using (var change = await browser.PutAsync("api/cameras/cam9", new StringContent(Cam9, Encoding.UTF8, "application/json")))
            Assert.Equal(HttpStatusCode.Unauthorized, change.StatusCode);
        Assert.Equal(0, server.Control.Applies);

        using (var logout = await browser.PostAsync("logout", null))
            Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("")).StatusCode);
    }

    [Fact]
    public void The_token_matches_only_itself_compared_in_constant_time()
    {
        var token = new AccessToken("s3cret-token");
        Assert.True(token.Matches("s3cret-token"));
        foreach (var other in new[] { null, "", "s3cret-toke", "s3cret-tokem", "s3cret-token ", "S3CRET-TOKEN" })
            Assert.False(token.Matches(other));
        var source = File.ReadAllText(Path.Combine(RepoPaths.Root, "src", "Nodes", "LiveView", "AccessToken.cs"));
        Assert.Contains("CryptographicOperations.FixedTimeEquals(", source);
    }
}
