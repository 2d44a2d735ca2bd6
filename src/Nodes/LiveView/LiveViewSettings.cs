using Valkka.Actors.Topology;

namespace Valkka.Nodes.LiveView;

/// <summary>Where the live view (and the control API) listens, its token file, and the size and rate of its pictures.</summary>
public sealed record LiveViewSettings(ListenAddress Listen)
{
    /// <summary>The file holding the bearer token (web.token-file); null: no token, nothing can be changed over HTTP.</summary>
    public string? TokenFile { get; init; }

    /// <summary>Width of the JPEGs in pixels (the height keeps the camera's aspect ratio).</summary>
    public int Width { get; init; } = 320;

    /// <summary>Pictures a second per camera while a browser watches it.</summary>
    public double Fps { get; init; } = 4;
}
