using Valkka.Media.Sources;

namespace Valkka.Media.Tests;

public sealed class CameraUrlMaskingTests
{
    [Theory]
    [InlineData("rtsp://user:secret@192.168.1.10:554/stream1", "rtsp://***@192.168.1.10:554/stream1")]
    [InlineData("rtsp://admin:p@ss:w0rd@cam.local/live?x=1", "rtsp://***@cam.local/live?x=1")]
    [InlineData("RTSPS://token@cam.local", "RTSPS://***@cam.local")]
    [InlineData("Camera cam2: decoding rtsp://u:secret@10.0.0.2/a, then http://v:secret@10.0.0.3/b failed",
        "Camera cam2: decoding rtsp://***@10.0.0.2/a, then http://***@10.0.0.3/b failed")]
    public void UserAndPasswordAreMasked(string text, string masked)
    {
        Assert.Equal(masked, CameraUrl.Masked(text));
        Assert.DoesNotContain("secret", CameraUrl.Masked(text));
    }

    [Theory]
    [InlineData("rtsp://192.168.1.10:554/stream1")]
    [InlineData("synthetic://testsrc2?size=1280x720&fps=25&codec=h264")]
    [InlineData("/videos/door@night.mp4")]
    [InlineData("rtsp://cam.local/stream?mail=a@b.c")]
    [InlineData("listening on [akka.tcp://valkka@127.0.0.1:25541]")]
    public void TextWithoutCredentialsIsKept(string text) => Assert.Equal(text, CameraUrl.Masked(text));
}
