using Valkka.Actors.Analysis;
using Valkka.Samples.Faces;

namespace Valkka.Samples.Tests;

/// <summary>FaceDetectionResult's own encoding for same-host channels gives back the same result.</summary>
public class FaceDetectionResultEncodingTests
{
    private static readonly FaceDetectionResult TwoFaces = new("cam-ä", 1_234_567_890_123, 1920, 1080,
        [10.5f, 20.25f, 100f, 120f, 0.97f, 500f, 60f, 80f, 90f, 0.51f],
        [.. Enumerable.Range(0, 2 * FaceDetectionResult.KeypointValuesPerFace).Select(i => i * 1.25f - 3f)]);

    private static int Write(FaceDetectionResult result, Span<byte> buffer)
    {
        var writer = new ResultWriter(buffer);
        result.Write(ref writer);
        return writer.Position;
    }

    [Fact]
    public void A_result_reads_back_exactly_what_was_written()
    {
        var buffer = new byte[1024];
        int length = Write(TwoFaces, buffer);

        var reader = new ResultReader(buffer.AsSpan(0, length));
        var read = FaceDetectionResult.Read(ref reader);

        Assert.Equal(0, reader.Remaining);
        Assert.Equal((TwoFaces.CameraId, TwoFaces.Sequence, TwoFaces.FrameWidth, TwoFaces.FrameHeight),
            (read.CameraId, read.Sequence, read.FrameWidth, read.FrameHeight));
        Assert.Equal(TwoFaces.FaceBoxes, read.FaceBoxes);
        Assert.Equal(TwoFaces.Keypoints, read.Keypoints);
    }

    [Fact]
    public void A_result_without_faces_reads_back_empty()
    {
        var none = new FaceDetectionResult("a", 1, 640, 480, [], []);
        var buffer = new byte[64];
        int length = Write(none, buffer);

        var reader = new ResultReader(buffer.AsSpan(0, length));
        var read = FaceDetectionResult.Read(ref reader);

        Assert.Equal((0, 0), (read.FaceBoxes.Length, read.Keypoints.Length));
    }

    [Fact]
    public void Writing_into_too_little_space_and_reading_too_few_bytes_fail_with_their_own_exceptions()
    {
        var buffer = new byte[1024];
        int length = Write(TwoFaces, buffer);

        Assert.Throws<ResultWriterFullException>(() => Write(TwoFaces, new byte[length - 1]));
        Assert.Throws<ResultReadPastEndException>(() =>
        {
            var reader = new ResultReader(buffer.AsSpan(0, length - 1));
            FaceDetectionResult.Read(ref reader);
        });
    }
}
