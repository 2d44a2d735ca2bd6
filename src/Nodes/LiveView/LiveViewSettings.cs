using Valkka.Actors.Topology;

namespace Valkka.Nodes.LiveView;

/// <summary>Where the live view listens, and the size and rate of its pictures.</summary>
public sealed record LiveViewSettings(ListenAddress Listen)
{
    /// <summary>Width of the JPEGs in pixels (the height keeps the camera's aspect ratio).</summary>
    public int Width { get; init; } = 320;

    /// <summary>Pictures a second per camera while a browser watches it.</summary>
    public double Fps { get; init; } = 4;
}
