namespace Valkka.Bench;

/// <summary>What a variant of <c>valkka bench cross-host</c> runs for each round (see docs/BENCHMARKS.md).</summary>
public enum CrossHostKind
{
    /// <summary>Clients on B read A's cameras through B's relay (the encoded stream, decoded once on B).</summary>
    Relay,
    /// <summary>The same clients on A, reading A's rings: the local-camera baseline.</summary>
    Local,
    /// <summary>B opens its own RTSP connection to the camera source on A and decodes it.</summary>
    SecondRtsp,
    /// <summary>A client on A sends every frame's RGB bytes in an Akka.Remote message to B.</summary>
    RawRgb,
    /// <summary>A client on A sends each frame it takes as a JPEG in an Akka.Remote message to B.</summary>
    Jpeg,
}

/// <param name="Node">The topology node of the variant's readers.</param>
/// <param name="Host">The host (A, B or C of <see cref="CrossHostHosts"/>) that runs that node.</param>
public sealed record CrossHostVariant(string Name, CrossHostKind Kind, int Fps, string Node, char Host, string Description)
{
    public static IReadOnlyList<CrossHostVariant> All { get; } =
    [
        new("relay-25", CrossHostKind.Relay, 25, "relay25", 'B', "clients on B read A's cameras through B's relay (encoded stream over Akka.Remote, decoded once on B), 25 fps"),
        new("relay-5", CrossHostKind.Relay, 5, "relay5", 'C', "the same at 5 fps (B decodes at the level its readers need); B's node on host C, so that it owns its relay"),
        new("local-25", CrossHostKind.Local, 25, "local25", 'A', "the same clients on A reading A's rings: the local-camera baseline, 25 fps"),
        new("local-5", CrossHostKind.Local, 5, "local5", 'A', "the local-camera baseline at 5 fps"),
        new("rtsp-25", CrossHostKind.SecondRtsp, 25, "second", 'B', "B opens a second RTSP connection to the camera source on A and decodes it (cameras and clients in one node on B)"),
        new("rgb-25", CrossHostKind.RawRgb, 25, "rgbsend", 'A', "a client on A sends each frame's RGB24 bytes in an Akka.Remote message to a receiver on B (the naive way)"),
        new("jpeg-5", CrossHostKind.Jpeg, 5, "jpegsend", 'A', "a client on A encodes the frames it takes as JPEG (libav mjpeg, full size) and sends them in Akka.Remote messages to B"),
    ];

    public static IReadOnlyList<CrossHostVariant> Select(IReadOnlyList<string>? names)
    {
        if (names is null || names.Count == 0) return All;
        var unknown = names.Where(n => All.All(v => v.Name != n)).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException($"--variants: unknown {string.Join(", ", unknown)} (known: {string.Join(", ", All.Select(v => v.Name))})");
        return All.Where(v => names.Contains(v.Name)).ToList();
    }
}
