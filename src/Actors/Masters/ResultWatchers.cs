using System.Diagnostics;
using Akka.Actor;
using Valkka.Actors.Analysis;
using Valkka.Actors.Messages;

namespace Valkka.Actors.Masters;

/// <summary>
/// A master's watchers (the live view): each gets the boxes of every result that has some
/// (<see cref="IBoxesResult"/>) while its WatchResults lease holds. Nothing is built while nobody watches.
/// </summary>
internal sealed class ResultWatchers(string masterId)
{
    private readonly Dictionary<IActorRef, long> _until = new();
    private readonly List<IActorRef> _expired = new();

    public int Count => _until.Count;

    public void Watch(IActorRef watcher)
    {
        if (!watcher.IsNobody()) _until[watcher] = Stopwatch.GetTimestamp() + (long)(ResultWatchLease.Duration.TotalSeconds * Stopwatch.Frequency);
    }

    public void Publish(MasterResult result)
    {
        if (_until.Count == 0 || result.Result is not IBoxesResult withBoxes) return;
        var now = Stopwatch.GetTimestamp();
        foreach (var (watcher, until) in _until)
            if (until < now) _expired.Add(watcher);
        foreach (var watcher in _expired) _until.Remove(watcher);
        _expired.Clear();
        if (_until.Count == 0) return;
        var boxes = withBoxes.Boxes.Select(b => new ResultBox(b.X, b.Y, b.Width, b.Height, b.Score)).ToArray();
        var message = new WatchedBoxes(masterId, result.CameraId, result.Sequence, boxes);
        foreach (var watcher in _until.Keys) watcher.Tell(message);
    }
}
