using Valkka.Actors.Analysis;

namespace Valkka.Samples.Tests;

/// <summary>H.264 clips made from the test photos with the ffmpeg CLI.</summary>
public static class FaceClips
{
    /// <summary>
    /// 512x512 at 10 fps: <paramref name="seconds"/> of the cat (padded with black below to 512x512),
    /// then as long of the astronaut. Row 500 is black only in the cat part.
    /// </summary>
    public static string CatThenAstronaut(string folder, int seconds = 2)
    {
        var path = Path.Combine(folder, "cat-then-astronaut.mp4");
        Ffmpeg.Run("-loop", "1", "-t", seconds.ToString(), "-framerate", "10", "-i", TestImages.Chelsea,
            "-loop", "1", "-t", seconds.ToString(), "-framerate", "10", "-i", TestImages.Astronaut,
            "-filter_complex", "[0:v]pad=512:512:30:0,setsar=1[a];[1:v]setsar=1[b];[a][b]concat=n=2:v=1,format=yuv420p",
            "-r", "10", "-c:v", "libx264", "-preset", "veryfast", "-g", "10", "-y", path);
        return path;
    }

    /// <summary>True for a frame of the astronaut part of <see cref="CatThenAstronaut"/> (row 500 is not black).</summary>
    public static bool ShowsAstronaut(FrameView frame)
    {
        var row = frame.Row(500);
        long sum = 0;
        for (var x = 0; x < frame.Width * 3; x++) sum += row[x];
        return sum / (frame.Width * 3.0) > 25;
    }
}
