using Valkka.Actors.Messages;

namespace Valkka.Actors.Topology;

public sealed record ClientDefinition(
    string Id, string Node, IReadOnlyList<string> Cameras, AnalyzerDefinition Analyzer, string? Master, int Credit,
    FrameNotify Notify = FrameNotify.Doorbell)
{
    /// <summary>Frames a second the client analyzes of each camera (key fps); null: every frame.</summary>
    public double? Fps { get; init; }

    /// <summary>Per-camera rates (key camera-fps) that override Fps.</summary>
    public IReadOnlyDictionary<string, double> CameraFps { get; init; } = new Dictionary<string, double>();

    /// <summary>Key placement = with-camera: the client runs on the node its camera is placed on (Node is empty until then).</summary>
    public bool WithCamera { get; init; }

    /// <summary>The rate the client wants of cameraId; null: every frame.</summary>
    public double? FpsOf(string cameraId) => CameraFps.TryGetValue(cameraId, out var fps) ? fps : Fps;
}
