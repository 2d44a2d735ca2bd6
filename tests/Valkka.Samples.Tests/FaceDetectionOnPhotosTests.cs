using Valkka.Actors.Analysis;
using Valkka.Actors.Messages;
using Valkka.Samples.Faces;

namespace Valkka.Samples.Tests;

/// <summary>
/// The face-detection core on real photos (skimage's astronaut and cat), decoded by the ffmpeg CLI:
/// client preprocessing -> tensor frame -> master analyzer -> result back to the client.
/// The expected astronaut box was checked by eye on a crop of the photo (x 178, y 81, w 94, h 94).
/// </summary>
public class FaceDetectionOnPhotosTests(BlazeFaceFixture fixture) : IClassFixture<BlazeFaceFixture>
{
    internal static readonly DetectionBox AstronautFace = new(178, 81, 94, 94, 0);

    internal static void AssertAround(DetectionBox expected, DetectionBox actual, float tolerance = 8)
    {
        var text = $"expected about {expected}, got {actual}";
        Assert.True(Math.Abs(expected.X - actual.X) <= tolerance, text);
        Assert.True(Math.Abs(expected.Y - actual.Y) <= tolerance, text);
        Assert.True(Math.Abs(expected.Width - actual.Width) <= tolerance, text);
        Assert.True(Math.Abs(expected.Height - actual.Height) <= tolerance, text);
    }

    /// <summary>Runs the client preprocessing on a frame and returns the tensor frame it would forward.</summary>
    internal static NativeFrame Preprocess(NativeFrame frame, string camera = "cam1", long sequence = 2)
    {
        var ctx = new RecordingClientContext();
        ctx.Analyze(new FacePreprocessingAnalyzer(AnalyzerSettings.Parse("motion-gating = off")),
            frame.View(camera, sequence));
        var (_, info, data) = Assert.Single(ctx.Derived);
        return NativeFrame.Of(info, data);
    }

    [Fact]
    public void The_astronaut_has_exactly_one_face_around_her_face()
    {
        using var photo = NativeFrame.FromImage(TestImages.Astronaut);
        using var tensor = Preprocess(photo, "astro", 42);

        var result = Assert.IsType<FaceDetectionResult>(Assert.Single(fixture.Sequential.AnalyzeBatch([tensor.Frame("astro", 42)])));

        var face = Assert.Single(result.Faces);
        AssertAround(AstronautFace, face);
        Assert.InRange(face.Score, 0.75f, 1f);
        Assert.Equal((512, 512), (result.FrameWidth, result.FrameHeight));
        Assert.Equal(("astro", 42L), (result.CameraId, result.Sequence));
        // Eyes (keypoints 0 and 1) lie inside the upper half of the box.
        for (var k = 0; k < 2; k++)
        {
            Assert.InRange(result.Keypoints[2 * k], face.X, face.X + face.Width);
            Assert.InRange(result.Keypoints[2 * k + 1], face.Y, face.Y + face.Height / 2);
        }
    }

    [Fact]
    public void The_cat_has_no_face()
    {
        using var photo = NativeFrame.FromImage(TestImages.Chelsea);
        using var tensor = Preprocess(photo);
        var result = Assert.IsType<FaceDetectionResult>(Assert.Single(fixture.Sequential.AnalyzeBatch([tensor.Frame()])));
        Assert.Empty(result.Faces);
        Assert.Equal((451, 300), (result.FrameWidth, result.FrameHeight));
    }

    [Fact]
    public void The_client_counts_the_faces_the_master_sends_back_and_draws_them()
    {
        using var folder = new TempDirectory();
        using var photo = NativeFrame.FromImage(TestImages.Astronaut);
        var client = new FacePreprocessingAnalyzer(AnalyzerSettings.Parse(
            $"snapshots {{ folder = \"{folder.Path}\", interval = 0 }}\nresults-file = \"{folder.File("faces.jsonl")}\""));
        var ctx = new RecordingClientContext();

        ctx.Analyze(client, photo.View("astro", 8, timestampMs: 1000));
        var (seq, info, data) = Assert.Single(ctx.Derived);
        using var tensor = NativeFrame.Of(info, data);
        var result = fixture.Sequential.AnalyzeBatch([tensor.Frame("astro", seq)])[0]!;
        client.OnMasterResult(new MasterResult(ctx.ClientId, "astro", seq, result), ctx);
        var snapshot = Assert.IsType<SnapshotWritten>(ctx.Analyze(client, photo.View("astro", 10, timestampMs: 1040)));

        Assert.Equal(1, client.FacesSeen("astro"));
        Assert.Equal(1, client.FramesWithFaces);
        Assert.Equal(8, client.LastResult("astro")!.Sequence);
        Assert.Equal(1, snapshot.Boxes);
        var face = ((FaceDetectionResult)result).Faces[0];
        var png = Ffmpeg.DecodeRgb24(snapshot.Path);
        var corner = ((int)MathF.Round(face.Y) * 512 + (int)MathF.Round(face.X)) * 3;
        Assert.Equal([255, 32, 32], png[corner..(corner + 3)]);
        var line = Assert.Single(File.ReadAllLines(folder.File("faces.jsonl")));
        Assert.Contains("\"camera\":\"astro\"", line);
        Assert.Contains("\"sequence\":8", line);
    }

    [Fact]
    public void Frames_of_an_h264_clip_each_show_the_face_shifted_by_the_padding()
    {
        using var folder = new TempDirectory();
        // 640x512: the photo with 64 px of black on the left; the letterbox then pads top and bottom.
        var clip = folder.File("astronaut.mp4");
        Ffmpeg.Run("-loop", "1", "-i", TestImages.Astronaut, "-vf", "pad=640:512:64:0,format=yuv420p",
            "-r", "5", "-frames:v", "5", "-c:v", "libx264", "-preset", "veryfast", "-y", clip);
        var rgb = Ffmpeg.DecodeRgb24(clip);
        const int frameBytes = 640 * 512 * 3;
        Assert.Equal(5 * frameBytes, rgb.Length);

        var client = new FacePreprocessingAnalyzer(); // motion gating on: a still clip forwards only its first frame
        var ctx = new RecordingClientContext();
        using var frame = new NativeFrame(640, 512);
        var tensors = new List<NativeFrame>();
        try
        {
            for (var i = 0; i < 5; i++)
            {
                frame.Load(rgb.AsSpan(i * frameBytes, frameBytes));
                ctx.Analyze(client, frame.View("clip", 2 * i));
                // Without gating every frame would go: build those tensors too, to check each frame.
                tensors.Add(Preprocess(frame, "clip", 2 * i));
            }
            Assert.Equal([0L], ctx.ForwardedSequences);
            Assert.Equal(4, client.SkippedWithoutMotion);

            var results = fixture.Sequential.AnalyzeBatch(tensors.Select(t => t.Frame("clip", 0)).ToArray());
            Assert.Equal(5, results.Count);
            foreach (var r in results.Cast<FaceDetectionResult>())
            {
                var face = Assert.Single(r.Faces);
                AssertAround(AstronautFace with { X = AstronautFace.X + 64 }, face, tolerance: 10);
            }
        }
        finally
        {
            tensors.ForEach(t => t.Dispose());
        }
    }
}
