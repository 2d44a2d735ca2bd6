using System.Text.RegularExpressions;
using Valkka.Nodes.LiveView;
using Valkka.Nodes.Tests.EndToEnd;
using Valkka.Nodes.Tests.Support;

namespace Valkka.Nodes.Tests.LiveView;

/// <summary>
/// Main3 with tls: nodes talk over mutual TLS with the certificates `valkka cert` made, and the live
/// view of `valkka run --web` joins them with the launcher's own certificate (launcher.crt); with a
/// certificate the topology's CA did not sign, the run is refused before anything starts. (One run
/// checks both, to keep the suite short.)
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
[Trait("Speed", "Slow")]
public sealed partial class LiveViewTlsTests
{
    [Fact]
    public async Task Main3_runs_over_mutual_TLS_and_its_live_view_joins_it_only_with_the_launcher_s_certificate()
    {
        using var topology = TestTopology.FromShipped("main3", "valkka.tls { ca = \"certs/ca.crt\", certificates = \"certs\" }");
        var (certCode, certOutput) = await ValkkaCli.RunAsync(LiveViewRun.Deadline, "cert", topology.Path);
        Assert.True(certCode == 0, certOutput);
        var certs = Path.Combine(topology.Directory, "certs");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(certs, "ca.key")));
        foreach (var name in RunChecks.Definition(topology).Nodes.Select(n => n.Name).Append("launcher"))
        {
            Assert.True(File.Exists(Path.Combine(certs, name + ".crt")), certOutput);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(certs, name + ".key")));
        }

        await AssertRefusedWithAnotherCasCertificateAsync(topology, certs);

        // --duration counts from the moment everything is up, which is about when StreamingAsync returns.
        using var run = LiveViewRun.Start(topology, "--duration", "15s");
        await run.StreamingAsync("cam1", "cam2", "cam3");
        // A picture reader of the launcher reads cam1's ring, subscribed with the camera actor over TLS.
        var picture = await FirstPictureAsync(run.Url + "stream/cam1", topology.Directory);
        Assert.Equal(320 * 180 * 3, picture.Length);
        var first = await AnalyzedAsync(run);
        await Wait.UntilAsync(async () =>
        {
            var now = await AnalyzedAsync(run);
            // A client node may start after the cameras stream (one node starts per core): absent first, it counts from 0.
            return now.Count == 3 && now.All(c => c.Value > first.GetValueOrDefault(c.Key));
        }, LiveViewRun.Deadline, "the table's analyzed counters to increase");

        var code = await run.Process.WaitForExitAsync(RunChecks.RunDeadline);
        Assert.True(code == 0, $"valkka run exited with {code}:\n{RunChecks.Describe(topology, run.Process.Output)}");
        var summary = RunSummaryFile.Read(topology.SummaryPath);
        RunChecks.AssertHealthy(topology, summary, RunChecks.Describe(topology, run.Process.Output));
        RunChecks.AssertMasterAnswered(topology, summary);
    }

    private static async Task AssertRefusedWithAnotherCasCertificateAsync(TestTopology topology, string certs)
    {
        var (crt, key) = (Path.Combine(certs, "launcher.crt"), Path.Combine(certs, "launcher.key"));
        File.Move(crt, crt + ".good");
        File.Move(key, key + ".good");
        var made = ChildProcess.Run("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-keyout", key, "-out", crt, "-days", "2", "-subj", "/CN=launcher"], LiveViewRun.Deadline);
        Assert.True(made.ExitCode == 0, made.Output);

        using (var refused = ValkkaCli.Start("run", topology.Path, "--free-ports", "--no-table", "--web", $"127.0.0.1:{FreeTcpPort.Pick()}"))
        {
            Assert.Equal(2, await refused.WaitForExitAsync(LiveViewRun.Deadline));
            Assert.Contains($"valkka.tls: the live view (--web) joins the nodes over TLS with the certificate \"launcher\": {crt}: not signed by the topology's CA",
                refused.Errors);
            Assert.DoesNotContain("running topology", refused.Output);
        }
        Assert.Empty(topology.RingsLeft());
        File.Move(crt + ".good", crt, overwrite: true);
        File.Move(key + ".good", key, overwrite: true);
    }

    /// <summary>
    /// The first camera picture of a camera's MJPEG stream, decoded to RGB24: parts (by their Content-Length)
    /// are read until one is not the uniform dark placeholder the view sends while it has no picture.
    /// </summary>
    private static async Task<byte[]> FirstPictureAsync(string url, string folder)
    {
        using var http = new HttpClient { Timeout = LiveViewRun.Deadline };
        using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("multipart/x-mixed-replace", response.Content.Headers.ContentType?.MediaType);
        await using var stream = await response.Content.ReadAsStreamAsync();
        var received = new List<byte>();
        var buffer = new byte[64 * 1024];
        var file = Path.Combine(folder, "part.jpg");
        for (var parts = 0; ; )
        {
            var text = System.Text.Encoding.Latin1.GetString(received.ToArray());
            var header = ContentLength().Match(text);
            if (header.Success && received.Count >= header.Index + header.Length + int.Parse(header.Groups[1].Value))
            {
                var start = header.Index + header.Length;
                var jpeg = received.GetRange(start, int.Parse(header.Groups[1].Value)).ToArray();
                received.RemoveRange(0, start + jpeg.Length);
                Assert.True(jpeg.Length > 2 && jpeg[0] == 0xFF && jpeg[1] == 0xD8, $"part {parts} is not a JPEG: {jpeg.Length} bytes");
                File.WriteAllBytes(file, jpeg);
                var rgb = Ffmpeg.DecodeRgb24(file);
                if (rgb.Max() - rgb.Min() > 64) return rgb;
                Assert.True(++parts < 20, "the live view sent only its placeholder");
                continue;
            }
            var n = await stream.ReadAsync(buffer);
            Assert.True(n > 0, "the MJPEG stream ended before a camera picture");
            received.AddRange(buffer.AsSpan(0, n));
        }
    }

    [GeneratedRegex("Content-Length: (\\d+)\r\n\r\n")]
    private static partial Regex ContentLength();

    private static async Task<Dictionary<string, long>> AnalyzedAsync(LiveViewRun run) =>
        (await run.StateAsync())["clients"]!.AsObject().ToDictionary(c => c.Key, c => c.Value!["analyzed"]!.GetValue<long>());
}
