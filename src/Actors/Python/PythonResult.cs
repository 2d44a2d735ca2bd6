using System.Text.Json;
using Valkka.Actors.Analysis;

namespace Valkka.Actors.Python;

/// <summary>
/// What a Python analyzer returned for frame <paramref name="Sequence"/> of <paramref name="CameraId"/>:
/// its dict as JSON. A key "boxes" with a list of [x, y, width, height(, score)] lists (or of dicts
/// with x, y, width, height, score) gives the boxes the live view draws.
/// </summary>
public sealed record PythonResult(string CameraId, long Sequence, string Json) : IBoxesResult, IBinaryResult<PythonResult>
{
    /// <summary>The boxes of the "boxes" key (parsed on each call; none when the key is absent or not a list).</summary>
    public IReadOnlyList<DetectionBox> Boxes
    {
        get
        {
            try
            {
                using var document = JsonDocument.Parse(Json);
                if (document.RootElement.ValueKind != JsonValueKind.Object
                    || !document.RootElement.TryGetProperty("boxes", out var boxes) || boxes.ValueKind != JsonValueKind.Array)
                    return [];
                var list = new List<DetectionBox>(boxes.GetArrayLength());
                foreach (var box in boxes.EnumerateArray())
                    if (Box(box) is { } b) list.Add(b);
                return list;
            }
            catch (JsonException)
            {
                return [];
            }
        }
    }

    private static DetectionBox? Box(JsonElement box)
    {
        if (box.ValueKind == JsonValueKind.Array)
        {
            var v = box.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Number).Select(e => e.GetSingle()).ToArray();
            return v.Length >= 4 ? new DetectionBox(v[0], v[1], v[2], v[3], v.Length > 4 ? v[4] : 1f) : null;
        }
        if (box.ValueKind != JsonValueKind.Object) return null;
        float? Get(params string[] names) => names.Select(n => box.TryGetProperty(n, out var e) && e.ValueKind == JsonValueKind.Number ? e.GetSingle() : (float?)null)
            .FirstOrDefault(x => x is not null);
        var (x, y, w, h) = (Get("x"), Get("y"), Get("width", "w"), Get("height", "h"));
        return x is null || y is null || w is null || h is null ? null : new DetectionBox(x.Value, y.Value, w.Value, h.Value, Get("score") ?? 1f);
    }

    public void Write(ref ResultWriter writer)
    {
        writer.WriteString(CameraId);
        writer.WriteInt64(Sequence);
        writer.WriteString(Json);
    }

    public static PythonResult Read(ref ResultReader reader) => new(reader.ReadString(), reader.ReadInt64(), reader.ReadString());

    public override string ToString() => $"{CameraId} #{Sequence}: {Json}";
}
