using System.Text.Json.Nodes;
using Valkka.Nodes.Tests.EndToEnd;
using Valkka.Nodes.Tests.Support;
using Xunit.Abstractions;

namespace Valkka.Nodes.Tests.Python;

/// <summary>
/// hocon/python.conf (samples/python: the numpy/OpenCV motion clients and the Haar face master) run by
/// `valkka run` for 10 s, with cam1 looping a clip of the astronaut photo (its client forwards every frame:
/// a still picture has no motion) and cam2 its moving test pattern: the master finds her face where it
/// is in the photo, the motion client finds motion on cam2, and the master answers both clients.
/// </summary>
[Trait("Speed", "Slow")]
public sealed class PythonSampleTests(ITestOutputHelper log)
{
    // OpenCV's frontal-face cascade on the 512x512 photo (checked with the cascade alone): x 177, y 66, 95 wide.
    private const int FaceX = 177, FaceY = 66, FaceSize = 95, Tolerance = 15;

    [Fact]
    public async Task The_Python_sample_finds_the_astronaut_s_face_and_motion_on_the_test_pattern()
    {
        using var folder = new TempDirectory();
        var clip = folder.File("astronaut.mp4");
        Ffmpeg.Run("-loop", "1", "-i", TestImages.Astronaut, "-vf", "format=yuv420p",
            "-r", "25", "-frames:v", "50", "-c:v", "libx264", "-preset", "veryfast", "-g", "25", "-y", clip);
        var (motion1, motion2, faces) = (folder.File("motion1.jsonl"), folder.File("motion2.jsonl"), folder.File("faces.jsonl"));
        using var topology = TestTopology.FromShipped("python", $$"""
            valkka.cameras.cam1.url = "{{clip}}"
            valkka.cameras.cam1.decoder { loop = true, realtime = true }
            valkka.clients.motion1.analyzer.settings { gate = off, results-file = "{{motion1}}" }
            valkka.clients.motion2.analyzer.settings { results-file = "{{motion2}}" }
            valkka.masters.faces.analyzer.settings { results-file = "{{faces}}" }
            """);

        var (code, output) = await ValkkaCli.RunAsync(RunChecks.RunDeadline, RunChecks.RunArguments(topology));
        var described = RunChecks.Describe(topology, output);
        Assert.True(code == 0, $"valkka run exited with {code}:\n{described}");
        var summary = RunSummaryFile.Read(topology.SummaryPath);
        // What the sample finds is checked here; the rates of Python clients are PythonAnalyzerRunTests' (and the bench's).
        foreach (var camera in new[] { "cam1", "cam2" })
            Assert.True((string?)summary.Camera(camera)["status"] == "streaming", $"{camera}: {summary.Camera(camera)}\n{described}");
        RunChecks.AssertMasterAnswered(topology, summary);

        var found = Results(faces).Where(r => (string?)r["camera"] == "cam1").ToList();
        var onHerFace = found.Count(r => r["boxes"]!.AsArray().Any(b => Near(b!.AsArray())));
        log.WriteLine($"cam1: {found.Count} frames through the face master, her face found in {onHerFace}");
        Assert.True(found.Count >= 5, $"the face master analyzed only {found.Count} frames of cam1:\n{described}");
        Assert.True(onHerFace >= 0.9 * found.Count, $"her face found in only {onHerFace} of {found.Count} frames: {found.FirstOrDefault()}");

        var moved = Results(motion2).ToList();
        log.WriteLine($"cam2: motion in {moved.Count} frames");
        Assert.True(moved.Count >= 25, $"the motion client found motion in only {moved.Count} frames of the moving pattern:\n{described}");
        Assert.All(moved, r =>
        {
            var box = r["boxes"]![0]!.AsArray().Select(v => v!.GetValue<int>()).ToArray();
            Assert.True(r["motion"]!.GetValue<double>() >= 0.005 && box[2] > 0 && box[3] > 0
                        && box[0] + box[2] <= 640 && box[1] + box[3] <= 360, $"not motion inside the 640x360 frame: {r}");
        });
        Assert.True(RunSummaryFile.Long(summary.Client("motion2"), "forwarded") > 0, "motion2 forwarded no frame with motion");

        Assert.Empty(PythonWorkers.Alive(PythonWorkers.Started(output.Split('\n'))));
        Assert.Empty(topology.RingsLeft());
    }

    private static bool Near(JsonArray box) =>
        Math.Abs(box[0]!.GetValue<int>() - FaceX) <= Tolerance && Math.Abs(box[1]!.GetValue<int>() - FaceY) <= Tolerance
        && Math.Abs(box[2]!.GetValue<int>() - FaceSize) <= Tolerance;

    private static IEnumerable<JsonNode> Results(string file) =>
        File.Exists(file) ? File.ReadLines(file).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!) : [];
}
