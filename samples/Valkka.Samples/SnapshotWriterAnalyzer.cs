using System.Text;
using Valkka.Actors.Analysis;
using Valkka.Actors.Messages;
using Valkka.Media.Sessions;

namespace Valkka.Samples;

/// <summary>
/// Client analyzer: saves a PNG of a camera's frame every <c>interval</c> seconds (of frame
/// timestamps) into <c>folder</c>, as <c>&lt;camera&gt;-&lt;timestampMs&gt;-&lt;sequence&gt;.png</c>.
/// With <c>draw-boxes = on</c> (default) it draws the newest boxes a master sent for that camera
/// (any <see cref="IBoxesResult"/>, e.g. faces). Other analyzers can use it as a part: call
/// <see cref="Analyze"/> and <see cref="Remember"/>.
/// Settings: folder (required), interval (5 seconds), draw-boxes (on).
/// </summary>
public sealed class SnapshotWriterAnalyzer : IFrameAnalyzer
{
    private sealed class CameraState
    {
        public long LastWrittenMs = long.MinValue;
        public IReadOnlyList<DetectionBox> Boxes = [];
        public byte[] Rgb = [];
    }

    private readonly Dictionary<string, CameraState> _cameras = new();

    public SnapshotWriterAnalyzer(AnalyzerSettings settings)
    {
        settings ??= AnalyzerSettings.Empty;
        Folder = Settings.String(settings, "folder")
                 ?? throw new ArgumentException("setting 'folder' is required: where to write the snapshots");
        IntervalMs = (long)(Settings.Double(settings, "interval", 5, 0, 86400) * 1000);
        DrawBoxes = settings.GetBool("draw-boxes", true);
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }
    public long IntervalMs { get; }
    public bool DrawBoxes { get; }
    public long Written { get; private set; }

    public IAnalysisResult? Analyze(in FrameView frame, IClientContext context)
    {
        var cam = State(frame.CameraId);
        if (cam.LastWrittenMs != long.MinValue && frame.TimestampMs - cam.LastWrittenMs < IntervalMs)
            return null;
        cam.LastWrittenMs = frame.TimestampMs;

        var boxes = DrawBoxes ? cam.Boxes : [];
        var path = Path.Combine(Folder, $"{SafeName(frame.CameraId)}-{frame.TimestampMs}-{frame.Sequence}.png");
        Write(frame, path, boxes, ref cam.Rgb);
        Written++;
        return new SnapshotWritten(frame.CameraId, frame.Sequence, path, boxes.Count);
    }

    public void OnMasterResult(MasterResult result, IClientContext context) => Remember(result.CameraId, result.Result);

    /// <summary>Keeps the boxes of a master result to draw on the camera's next snapshots.</summary>
    public void Remember(string cameraId, IAnalysisResult result)
    {
        if (result is IBoxesResult withBoxes)
            State(cameraId).Boxes = withBoxes.Boxes;
    }

    /// <summary>Writes the frame as a PNG (through a temporary file, so readers never see half a file).</summary>
    public static void Write(in FrameView frame, string path, IReadOnlyList<DetectionBox> boxes, ref byte[] buffer)
    {
        var w = frame.Width;
        var h = frame.Height;
        if (buffer.Length != w * h * 3) buffer = new byte[w * h * 3];
        CopyToRgb(frame, buffer);
        foreach (var box in boxes)
            BoxPainter.Draw(buffer, w, h, box);

        var temp = path + ".tmp";
        using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            PngEncoder.WriteRgb24(file, buffer, w, h, w * 3);
        File.Move(temp, path, overwrite: true);
    }

    private static void CopyToRgb(in FrameView frame, Span<byte> rgb)
    {
        var (bpp, ro, go, bo) = FramePixels.Layout(frame);
        var w = frame.Width;
        for (var y = 0; y < frame.Height; y++)
        {
            var src = frame.Row(y);
            var dst = rgb.Slice(y * w * 3, w * 3);
            if (bpp == 3 && ro == 0)
            {
                src[..(w * 3)].CopyTo(dst);
                continue;
            }
            for (int x = 0, s = 0, d = 0; x < w; x++, s += bpp, d += 3)
            {
                dst[d] = src[s + ro];
                dst[d + 1] = src[s + go];
                dst[d + 2] = src[s + bo];
            }
        }
    }

    private CameraState State(string cameraId)
    {
        if (!_cameras.TryGetValue(cameraId, out var cam))
            _cameras[cameraId] = cam = new CameraState();
        return cam;
    }

    private static string SafeName(string id)
    {
        var sb = new StringBuilder(id.Length);
        foreach (var c in id)
            sb.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_');
        return sb.ToString();
    }
}
