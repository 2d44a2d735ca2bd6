using Valkka.Actors.Messages;
using Valkka.Media.Decoding;

namespace Valkka.Actors.Topology;

public sealed record CameraDefinition(string Id, string Node, string Url, FrameSize? Size, int RingSlots, DecoderDefinition Decoder)
{
    /// <summary>Which frames the decoder decodes (key decode; Auto: the least its readers' rates need).</summary>
    public Valkka.Media.Decoding.DecodeMode Decode { get; init; } = Valkka.Media.Decoding.DecodeMode.Auto;

    /// <summary>Key placement: where the cluster may place the camera (then Node is empty until it is placed); null: on Node.</summary>
    public PlacementDefinition? Placement { get; init; }
}
