using Valkka.Actors.Analysis;
using Valkka.Samples.Faces;

namespace Valkka.Samples.Tests;

/// <summary>Both batch modes of the face master: one result per frame, in order, the same faces.</summary>
public class FaceDetectionBatchTests(BlazeFaceFixture fixture) : IClassFixture<BlazeFaceFixture>
{
    [Fact]
    public void Dynamic_batches_find_the_same_faces_as_frame_by_frame_runs_in_the_same_order()
    {
        using var astro = NativeFrame.FromImage(TestImages.Astronaut);
        using var cat = NativeFrame.FromImage(TestImages.Chelsea);
        using var astroTensor = FaceDetectionOnPhotosTests.Preprocess(astro);
        using var catTensor = FaceDetectionOnPhotosTests.Preprocess(cat);
        // 7 frames from 3 cameras: more than max-batch (4), so the dynamic analyzer runs 4 + 3.
        var frames = new[]
        {
            astroTensor.Frame("a", 1), catTensor.Frame("b", 1), astroTensor.Frame("c", 1), catTensor.Frame("a", 3),
            astroTensor.Frame("b", 3), astroTensor.Frame("c", 3), catTensor.Frame("a", 5),
        };
        var runsBefore = fixture.Dynamic.NetRuns;
        var seqRunsBefore = fixture.Sequential.NetRuns;

        var dynamic = fixture.Dynamic.AnalyzeBatch(frames).Cast<FaceDetectionResult>().ToList();
        var sequential = fixture.Sequential.AnalyzeBatch(frames).Cast<FaceDetectionResult>().ToList();

        Assert.Equal(2, fixture.Dynamic.NetRuns - runsBefore);
        Assert.Equal(7, fixture.Sequential.NetRuns - seqRunsBefore);
        Assert.Equal(frames.Select(f => (f.CameraId, f.Sequence)), dynamic.Select(r => (r.CameraId, r.Sequence)));
        Assert.Equal(frames.Select(f => (f.CameraId, f.Sequence)), sequential.Select(r => (r.CameraId, r.Sequence)));
        Assert.Equal([1, 0, 1, 0, 1, 1, 0], dynamic.Select(r => r.Faces.Length));
        for (var i = 0; i < frames.Length; i++)
        for (var f = 0; f < dynamic[i].Faces.Length; f++)
        {
            var (d, s) = (dynamic[i].Faces[f], sequential[i].Faces[f]);
            Assert.Equal(s.X, d.X, 2);
            Assert.Equal(s.Y, d.Y, 2);
            Assert.Equal(s.Width, d.Width, 2);
            Assert.Equal(s.Score, d.Score, 4);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_frame_that_is_not_a_tensor_gets_a_failure_and_the_others_their_faces(bool dynamic)
    {
        var analyzer = dynamic ? fixture.Dynamic : fixture.Sequential;
        using var astro = NativeFrame.FromImage(TestImages.Astronaut);
        using var tensor = FaceDetectionOnPhotosTests.Preprocess(astro);
        BatchFrame[] frames = [tensor.Frame("a", 1), astro.Frame("raw", 2), tensor.Frame("b", 3)];

        var results = analyzer.AnalyzeBatch(frames);

        Assert.Equal(3, results.Count);
        Assert.Single(Assert.IsType<FaceDetectionResult>(results[0]).Faces);
        var failed = Assert.IsType<FaceDetectionFailed>(results[1]);
        Assert.Equal(("raw", 2L), (failed.CameraId, failed.Sequence));
        Assert.Contains("Float32Rgb", failed.Reason);
        Assert.Equal(3, Assert.IsType<FaceDetectionResult>(results[2]).Sequence);
    }

    [Fact]
    public void The_dynamic_graph_rejects_nothing_up_to_its_batch_and_matches_batch_one_outputs()
    {
        var path = BlazeFaceModel.Locate();
        using var fixedNet = new BlazeFaceNet(path);
        using var dynamicNet = new BlazeFaceNet(path, dynamicBatch: true, maxBatch: 3);
        var rng = new Random(7);
        var input = new float[3 * fixedNet.InputFloats];
        for (var i = 0; i < input.Length; i++) input[i] = (float)(rng.NextDouble() * 2 - 1);

        dynamicNet.Run(input, 3);
        for (var b = 0; b < 3; b++)
        {
            fixedNet.Run(input.AsSpan(b * fixedNet.InputFloats), 1);
            var expected = fixedNet.RegressorsCoarse(0).ToArray();
            var actual = dynamicNet.RegressorsCoarse(b).ToArray();
            for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 3);
            Assert.Equal(fixedNet.ScoresFine(0)[100], dynamicNet.ScoresFine(b)[100], 3);
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => fixedNet.Run(input, 2));
    }
}
