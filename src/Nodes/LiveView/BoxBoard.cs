using System.Diagnostics;
using Valkka.Actors.Messages;

namespace Valkka.Nodes.LiveView;

/// <summary>The latest boxes a master found per camera, and when they came (kept while younger than MaxAge).</summary>
internal sealed class BoxBoard
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(3);

    private readonly object _gate = new();
    private readonly Dictionary<string, (WatchedBoxes Boxes, long At)> _latest = new();

    public void Put(WatchedBoxes boxes)
    {
        lock (_gate) _latest[boxes.CameraId] = (boxes, Stopwatch.GetTimestamp());
    }

    public IReadOnlyList<WatchedBoxes> Current()
    {
        lock (_gate)
            return _latest.Values.Where(v => Stopwatch.GetElapsedTime(v.At) < MaxAge).Select(v => v.Boxes).ToList();
    }
}
