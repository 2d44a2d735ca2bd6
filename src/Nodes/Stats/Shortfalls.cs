namespace Valkka.Nodes.Stats;

/// <summary>
/// Finds every client that got less than <see cref="Threshold"/> of what it wanted from one of its
/// cameras over the board's window: wanted is the client's rate for the camera (every frame: the
/// camera's own rate), got is what it analyzed of that camera over the window.
/// </summary>
public static class Shortfalls
{
    public const double Threshold = 0.9;

    /// <summary>Windows shorter than this say too little about a rate to name anyone.</summary>
    private const double LeastWindowSeconds = 4;

    public static IReadOnlyList<Shortfall> Find(BoardSnapshot board)
    {
        var found = new List<Shortfall>();
        foreach (var (clientId, client) in board.Clients.OrderBy(kv => kv.Key))
        {
            if (client.WindowSeconds < LeastWindowSeconds) continue;
            foreach (var perCamera in client.Latest.PerCamera)
            {
                if (!board.Cameras.TryGetValue(perCamera.CameraId, out var camera) || camera.Latest.NativeFps <= 0) continue;
                var wanted = Math.Min(perCamera.WantedFps ?? double.PositiveInfinity, camera.Latest.NativeFps);
                if (!(wanted > 0)) continue;
                var got = board.WindowAnalyzedPerCamera.GetValueOrDefault((clientId, perCamera.CameraId)) / client.WindowSeconds;
                if (got >= Threshold * wanted) continue;
                found.Add(new Shortfall(clientId, perCamera.CameraId, Math.Round(wanted, 2), Math.Round(got, 2), Cause(perCamera, client.Total, camera)));
            }
        }
        return found;
    }

    private static string Cause(ClientCameraRow perCamera, ClientRow client, Totals<CameraRow> camera)
    {
        var causes = new List<string>();
        if (!perCamera.Attached) causes.Add("not attached to the camera's ring");
        if (camera.Latest.Status != "streaming") causes.Add($"the camera is {camera.Latest.Status}");
        if (camera.Total.DiscardedBehind > 0)
            causes.Add($"the camera fell behind real time ({camera.Total.DiscardedBehind} wanted frames discarded{(camera.Latest.BehindSince is null ? "" : ", still behind")})");
        if (camera.Total.Dropped > 0) causes.Add($"the camera's ring was full {camera.Total.Dropped} times");
        if (perCamera.Skipped > 0) causes.Add($"the client was busy ({perCamera.Skipped} frames skipped, latest wins)");
        if (perCamera.Stale > 0) causes.Add($"{perCamera.Stale} frames were overwritten before the client read them");
        if (client.Analyzed == 0) causes.Add("the client analyzed nothing");
        return causes.Count > 0 ? string.Join("; ", causes) : "no counter names a cause";
    }
}
