namespace Valkka.Bench;

/// <summary>The 720p25 H.264 clips of <c>valkka bench decode</c>: keyframe interval and B-frames.</summary>
public enum ClipShape
{
    /// <summary>A keyframe every 25 frames (1 s), no B-frames.</summary>
    Gop25,
    /// <summary>A keyframe every 50 frames (2 s), no B-frames.</summary>
    Gop50,
    /// <summary>A keyframe every 50 frames, x264's default B-frames (veryfast: 3).</summary>
    Gop50BFrames,
}

public static class ClipShapes
{
    public static string Name(ClipShape shape) => shape switch
    {
        ClipShape.Gop25 => "gop25",
        ClipShape.Gop50 => "gop50",
        _ => "gop50-bframes",
    };

    public static ClipShape Parse(string text)
    {
        foreach (var shape in Enum.GetValues<ClipShape>())
            if (Name(shape) == text) return shape;
        throw new ArgumentException($"--clip-shape must be gop25, gop50 or gop50-bframes, got \"{text}\"");
    }

    public static int KeyframeInterval(ClipShape shape) => shape == ClipShape.Gop25 ? 25 : 50;

    /// <summary>
    /// The x264 arguments of the shape. Scene-cut detection is off: with it, x264 put a keyframe every
    /// 0.44 s on average into the noisy test pattern of "gop25" (44 in 500 frames), so "keyframe rate"
    /// meant 2.2 decoded frames a second and the clips' GOPs were not what their names said.
    /// </summary>
    public static string[] EncoderArguments(ClipShape shape) => shape switch
    {
        ClipShape.Gop50BFrames => ["-g", "50", "-sc_threshold", "0"],
        _ => ["-g", $"{KeyframeInterval(shape)}", "-bf", "0", "-sc_threshold", "0"],
    };
}
