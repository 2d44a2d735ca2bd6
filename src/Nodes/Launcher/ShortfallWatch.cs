using Valkka.Nodes.Stats;

namespace Valkka.Nodes.Launcher;

/// <summary>
/// Says while a run goes on when a client starts getting less than 90 % of what it wants from a camera
/// (over the last <see cref="Window"/>) and when it gets what it wants again: one line each, not one a second.
/// </summary>
internal sealed class ShortfallWatch(Action<string> say)
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(10);
    private readonly Dictionary<(string Client, string Camera), Shortfall> _short = new();

    public void Check(BoardSnapshot board)
    {
        var now = Shortfalls.Find(board).ToDictionary(f => (f.ClientId, f.CameraId));
        foreach (var (key, found) in now)
            if (_short.TryAdd(key, found)) say($"short: {found}");
        foreach (var key in _short.Keys.Where(k => !now.ContainsKey(k)).ToList())
        {
            _short.Remove(key);
            say($"client {key.Client} gets what it wants from camera {key.Camera} again");
        }
    }
}
