using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Valkka.Actors.Topology;
using Valkka.Nodes.Tests.EndToEnd;
using Valkka.Nodes.Tests.Support;
using Valkka.Shm;

namespace Valkka.Nodes.Tests.Control;

/// <summary>
/// The control API of a real `valkka run --web`: a camera and its client added with PUT stream and analyze,
/// a request without the token and a bad body change nothing, DELETE removes them and unlinks the ring.
/// </summary>
[Trait("Speed", "Slow")]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ControlApiRunTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private const string Token = "a-test-token-of-32-characters-00";

    [Fact]
    public async Task Parts_put_and_deleted_over_HTTP_start_and_stop_and_bad_requests_change_nothing()
    {
        using var topology = TestTopology.FromText("api.conf", LiveChangeTopology.Text([1, 2]) + "\nvalkka.web.token-file = token\n");
        var tokenFile = Path.Combine(topology.Directory, "token");
        File.WriteAllText(tokenFile, Token);
        File.SetUnixFileMode(tokenFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var port = FreeTcpPort.Pick();
        using var run = ValkkaCli.Start(["run", topology.Path, "--free-ports", "--no-table", "--log", topology.LogPath, "--web", $"127.0.0.1:{port}"]);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromMinutes(2) };
        await UntilAsync(http, run, s => Analyzed(s, "c1") > 0 && Analyzed(s, "c2") > 0, "c1 and c2 analyzing");

        // Without the token: refused, nothing changes.
        using (var refused = await http.PutAsync("api/cameras/cam3", Json("""{"url": "synthetic://testsrc2?size=320x180&fps=10&codec=h264", "node": "cameras"}""")))
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);

        // A bad body: 400 naming the key, nothing changes.
        using (var bad = await http.PutAsync("api/cameras/cam3", Json("""{"url": "synthetic://testsrc2?size=320x180&fps=10&codec=h264", "node": "nowhere"}""")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Contains("valkka.cameras.cam3.node", await bad.Content.ReadAsStringAsync());
        }
        Assert.Null((await StatusAsync(http))["cameras"]!["cam3"]);

        await Put(http, "api/cameras/cam3", """{"url": "synthetic://testsrc2?size=320x180&fps=10&codec=h264", "node": "cameras"}""");
        await Put(http, "api/clients/c3", $$$"""
            {"node": "client1", "cameras": ["cam3"],
             "analyzer": {"type": "Valkka.Samples.FrameStatisticsAnalyzer, Valkka.Samples", "path": "{{{RepoPaths.Root}}}/artifacts/samples/Valkka.Samples"}}
            """);
        await UntilAsync(http, run, s => Analyzed(s, "c3") > 0, "c3 analyzing cam3");
        var ring = RingPaths.For(topology.Name, ActorPaths.CameraRingName("cam3"));
        Assert.True(File.Exists(ring));
        // The live view follows the change: the new camera is on the page and has pictures.
        Assert.Contains("cam3", await http.GetStringAsync(""));
        Assert.True(await HasPictureAsync(http, "stream/cam3"), "no JPEG on the live view's stream of cam3");

        using (var client = await http.DeleteAsync("api/clients/c3")) Assert.Equal(HttpStatusCode.OK, client.StatusCode);
        using (var camera = await http.DeleteAsync("api/cameras/cam3")) Assert.Equal(HttpStatusCode.OK, camera.StatusCode);
        await Wait.UntilAsync(() => !File.Exists(ring), Deadline, "cam3's ring unlinked");
        Assert.Null((await StatusAsync(http))["clients"]!["c3"]);

        run.Terminate();
        Assert.Equal(0, await run.WaitForExitAsync(RunChecks.RunDeadline));
        Assert.Empty(topology.RingsLeft());
    }

    // The first JPEG of an MJPEG stream: its start of image after the first part's headers.
    private static async Task<bool> HasPictureAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        if (!response.IsSuccessStatusCode) return false;
        await using var stream = await response.Content.ReadAsStreamAsync();
        var seen = new List<byte>();
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(Deadline);
        while (seen.Count < 1 << 20)
        {
            var n = await stream.ReadAsync(buffer, timeout.Token);
            if (n == 0) return false;
            seen.AddRange(buffer.AsSpan(0, n).ToArray());
            for (var i = 0; i + 2 < seen.Count; i++)
                if (seen[i] == 0xFF && seen[i + 1] == 0xD8 && seen[i + 2] == 0xFF) return true;
        }
        return false;
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task Put(HttpClient http, string path, string body)
    {
        using var response = await http.PutAsync(path, Json(body));
        var answer = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"PUT {path}: {(int)response.StatusCode} {answer}");
        Assert.Empty(JsonNode.Parse(answer)!["failures"]!.AsArray());
    }

    private static async Task<JsonNode> StatusAsync(HttpClient http) => JsonNode.Parse(await http.GetStringAsync("api/status"))!;

    private static long Analyzed(JsonNode status, string client) => status["clients"]?[client]?["analyzed"]?.GetValue<long>() ?? 0;

    private static Task UntilAsync(HttpClient http, ChildProcess run, Func<JsonNode, bool> condition, string what) => Wait.UntilAsync(async () =>
    {
        if (run.HasExited) throw new Xunit.Sdk.XunitException($"valkka run exited:\n{run.Tail()}");
        try { return condition(await StatusAsync(http)); }
        catch (HttpRequestException) { return false; }
    }, Deadline, what);
}
