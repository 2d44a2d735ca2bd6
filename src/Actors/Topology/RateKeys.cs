using Valkka.Media.Decoding;

namespace Valkka.Actors.Topology;

/// <summary>The keys that say how often frames are wanted: a camera's decode level, a client's per-camera rates.</summary>
internal static class RateKeys
{
    /// <summary>Camera key decode = auto | all | reference | keyframes (default auto).</summary>
    public static DecodeMode Decode(HoconSection camera)
    {
        if (!camera.Has("decode")) return DecodeMode.Auto;
        switch (camera.String("decode", required: true))
        {
            case null: return DecodeMode.Auto;
            case "auto": return DecodeMode.Auto;
            case "all": return DecodeMode.All;
            case "reference": return DecodeMode.Reference;
            case "keyframes": return DecodeMode.Keyframes;
            case var other:
                camera.Error("decode", $"must be auto, all, reference or keyframes, got \"{other}\"");
                return DecodeMode.Auto;
        }
    }

    /// <summary>Client key camera-fps { CAMERA = RATE, ... }: each key one of the client's cameras, each rate above 0.</summary>
    public static IReadOnlyDictionary<string, double> CameraFps(HoconSection client, IReadOnlyList<string> cameraIds)
    {
        var rates = new Dictionary<string, double>(StringComparer.Ordinal);
        var section = client.Object("camera-fps", required: false);
        if (section is null) return rates;
        foreach (var camera in section.Items.Keys)
        {
            if (!cameraIds.Contains(camera))
            {
                section.Error(camera, $"\"{camera}\" is not one of this client's cameras ({string.Join(", ", cameraIds)})");
                continue;
            }
            if (section.PositiveNumber(camera) is { } fps) rates[camera] = fps;
        }
        return rates;
    }
}
