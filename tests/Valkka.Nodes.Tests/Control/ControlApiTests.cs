using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Valkka.Nodes.Tests.Control;

/// <summary>
/// The control API over real HTTP against the real web server (Kestrel) of `valkka run`, with a deployment that
/// validates with TopologyLoader and plans with TopologyDiff as the launcher does but starts nothing.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ControlApiTests
{
    private const string Cam9 = """{"url": "synthetic://testsrc2?size=640x360&fps=25", "node": "cams"}""";

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task<(HttpStatusCode Status, JsonNode Body)> SendAsync(HttpClient client, HttpMethod method, string path, string? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : Json(body) };
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!);
    }

    private static async Task<JsonNode> TopologyAsync(HttpClient client) => JsonNode.Parse(await client.GetStringAsync("api/topology"))!;

    [Fact]
    public async Task A_change_without_the_token_or_with_a_wrong_one_is_refused_and_with_it_applied()
    {
        await using var server = await ControlServer.StartAsync(ControlServer.MakeFolder());
        foreach (var token in new[] { null, "wrong", ControlServer.Token + "x", ControlServer.Token[..^1] })
        {
            using var client = server.Client(token);
            using var response = await client.PutAsync("api/cameras/cam9", Json(Cam9));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
            Assert.Contains("valkka.web.token-file", await response.Content.ReadAsStringAsync());
        }
        Assert.Equal(0, server.Control.Applies);

        using var authorized = server.Client(ControlServer.Token);
        var (status, body) = await SendAsync(authorized, HttpMethod.Put, "api/cameras/cam9", Cam9);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(body["applied"]!.GetValue<bool>());
        Assert.Equal(1, server.Control.Applies);
    }

    [Fact]
    public async Task A_camera_put_shows_in_the_topology_a_second_put_replaces_it_whole_and_delete_removes_it()
    {
        await using var server = await ControlServer.StartAsync(ControlServer.MakeFolder());
        using var client = server.Client(ControlServer.Token);

        var (status, body) = await SendAsync(client, HttpMethod.Put, "api/cameras/cam9", Cam9);
        Assert.Equal(HttpStatusCode.OK, status);
        var added = Assert.Single(body["changes"]!.AsArray());
        Assert.Equal(("camera", "cam9", "added"), ((string)added!["kind"]!, (string)added["id"]!, (string)added["action"]!));
        Assert.Equal(2, body["version"]!.GetValue<int>());
        var topology = await TopologyAsync(client);
        Assert.Equal("synthetic://testsrc2?size=640x360&fps=25", (string)topology["cameras"]!["cam9"]!["url"]!);
        Assert.Equal("cams", (string)topology["cameras"]!["cam9"]!["node"]!);

        // cam2 has size, ring-slots and decoder in the file: a PUT without them drops them (a replacement, not a merge).
        (status, body) = await SendAsync(client, HttpMethod.Put, "api/cameras/cam2", """{"url": "rtsp://127.0.0.1:8554/test", "node": "cams"}""");
        Assert.Equal(HttpStatusCode.OK, status);
        var changed = Assert.Single(body["changes"]!.AsArray());
        Assert.Equal("changed", (string)changed!["action"]!);
        Assert.Equal("size, ring-slots, decoder", (string)changed["why"]!);
        Assert.Null((await TopologyAsync(client))["cameras"]!["cam2"]!["size"]);

        (status, body) = await SendAsync(client, HttpMethod.Delete, "api/cameras/cam9");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("removed", (string)Assert.Single(body["changes"]!.AsArray())!["action"]!);
        Assert.Null((await TopologyAsync(client))["cameras"]!["cam9"]);
        Assert.DoesNotContain(server.Control.Current.Topology.Cameras, c => c.Id == "cam9");

        (status, body) = await SendAsync(client, HttpMethod.Delete, "api/cameras/cam9");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("valkka.cameras.cam9", (string)body["errors"]![0]!["path"]!);
    }

    [Theory]
    [InlineData("""{"url": "synthetic://testsrc2?size=640x360&fps=25", "node": "nowhere"}""", "valkka.cameras.cam9.node", "unknown node")]
    [InlineData("""{"node": "cams"}""", "valkka.cameras.cam9.url", "missing required key")]
    [InlineData("""{"url": "synthetic://testsrc2", "node": "cams", "ring-slots": 1000}""", "valkka.cameras.cam9.ring-slots", "integer from 2 to 64")]
    [InlineData("""{"url": "synthetic://testsrc2", "node": "cams", "colour": "red"}""", "valkka.cameras.cam9.colour", "unknown key")]
    [InlineData("""{"url": "synthetic://testsrc2", "node": """, "valkka.cameras.cam9", "not valid JSON")]
    [InlineData("""["url"]""", "valkka.cameras.cam9", "expected a JSON object")]
    public async Task A_bad_camera_body_answers_400_with_the_key_path_and_changes_nothing(string body, string path, string message)
    {
        await using var server = await ControlServer.StartAsync(ControlServer.MakeFolder());
        using var client = server.Client(ControlServer.Token);
        var before = server.Control.Current;

        var (status, answer) = await SendAsync(client, HttpMethod.Put, "api/cameras/cam9", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = answer["errors"]!.AsArray().First(e => (string)e!["path"]! == path)!;
        Assert.Contains(message, (string)error["message"]!);
        Assert.Same(before, server.Control.Current);
        Assert.Null((await TopologyAsync(client))["cameras"]!["cam9"]);
    }

    [Fact]
    public async Task Removing_a_camera_a_client_reads_answers_400_naming_the_client_s_key()
    {
        await using var server = await ControlServer.StartAsync(ControlServer.MakeFolder());
        using var client = server.Client(ControlServer.Token);
        var (status, body) = await SendAsync(client, HttpMethod.Delete, "api/cameras/cam2");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("valkka.clients.c1.cameras[1]", (string)body["errors"]![0]!["path"]!);
        Assert.Equal(1, server.Control.Current.Version);
    }

    [Fact]
    public async Task A_change_that_cannot_be_made_at_run_time_answers_409_with_the_reason()
    {
        await using var server = await ControlServer.StartAsync(ControlServer.MakeFolder());
        using var client = server.Client(ControlServer.Token);
        var renamed = server.Control.Current.Text + "\nvalkka.name = another\n";
        using var response = await client.PutAsync("api/topology", new StringContent(renamed, Encoding.UTF8, "text/plain"));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.StartsWith("name:", (string)body["refused"]![0]!);
        Assert.False(body["applied"]!.GetValue<bool>());
        Assert.Equal(0, server.Control.Applies);
    }

    [Fact]
    public async Task A_dry_run_answers_the_plan_and_changes_nothing()
    {
        await using var server = await ControlServer.StartAsync(ControlServer.MakeFolder());
        using var client = server.Client(ControlServer.Token);
        var (status, body) = await SendAsync(client, HttpMethod.Put, "api/cameras/cam9?dryRun=true", Cam9);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(body["applied"]!.GetValue<bool>());
        Assert.True(body["dryRun"]!.GetValue<bool>());
        Assert.Equal("added", (string)Assert.Single(body["changes"]!.AsArray())!["action"]!);
        Assert.Equal(0, server.Control.Applies);
        Assert.Null((await TopologyAsync(client))["cameras"]!["cam9"]);
    }

    [Fact]
    public async Task The_topology_needs_the_token_even_on_loopback_and_comes_as_JSON_or_HOCON_with_its_version()
    {
        await using var server = await ControlServer.StartAsync(ControlServer.MakeFolder());
        using (var anonymous = server.Client())
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("api/topology")).StatusCode);
            Assert.Equal(1, JsonNode.Parse(await anonymous.GetStringAsync("api/status"))!["version"]!.GetValue<int>());
        }
        using var client = server.Client(ControlServer.Token);
        using var json = await client.GetAsync("api/topology");
        Assert.Equal("\"1\"", json.Headers.ETag!.Tag);
        var topology = JsonNode.Parse(await json.Content.ReadAsStringAsync())!;
        Assert.Equal(40001, topology["nodes"]!["cams"]!["port"]!.GetValue<decimal>());
        Assert.Equal(["cam1", "cam2"], topology["clients"]!["c1"]!["cameras"]!.AsArray().Select(c => (string)c!));
        Assert.Equal(server.Control.Current.Text, await client.GetStringAsync("api/topology?format=hocon"));

        using var stale = new HttpRequestMessage(HttpMethod.Put, "api/cameras/cam9") { Content = Json(Cam9) };
        stale.Headers.IfMatch.ParseAdd("\"7\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await client.SendAsync(stale)).StatusCode);
        Assert.Equal(0, server.Control.Applies);
    }

    [Fact]
    public async Task A_body_over_1_MiB_is_refused()
    {
        await using var server = await ControlServer.StartAsync(ControlServer.MakeFolder());
        using var client = server.Client(ControlServer.Token);
        var huge = $$"""{"url": "synthetic://testsrc2", "node": "cams", "x": "{{new string('a', 1 << 20)}}"}""";
        using var response = await client.PutAsync("api/cameras/cam9", Json(huge));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, server.Control.Applies);
    }
}
