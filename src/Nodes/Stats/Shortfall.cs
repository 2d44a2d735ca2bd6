namespace Valkka.Nodes.Stats;

/// <summary>A client that got less from a camera than it wanted over the run's window, and what the counters say about why.</summary>
public sealed record Shortfall(string ClientId, string CameraId, double WantedFps, double GotFps, string Cause)
{
    public override string ToString() =>
        $"client {ClientId} got {GotFps:0.0} of the {WantedFps:0.##} frames a second it wanted from camera {CameraId} ({GotFps / WantedFps:0%}): {Cause}";
}
