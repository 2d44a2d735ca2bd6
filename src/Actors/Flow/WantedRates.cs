using Akka.Actor;

namespace Valkka.Actors.Flow;

/// <summary>
/// The frame rate each current reader of a ring wants, and the highest of them: what the producer
/// (a camera's decoder) must serve. 0 when there is no reader; +inf when a reader wants every frame.
/// Call it from the owning actor's handlers only.
/// </summary>
public sealed class WantedRates(Action<double> serve)
{
    private readonly Dictionary<IActorRef, double> _rates = new();

    public double Max { get; private set; }

    /// <summary>reader wants fps (again, or at a new rate).</summary>
    public void Set(IActorRef reader, double fps)
    {
        _rates[reader] = double.IsNaN(fps) ? 0 : Math.Max(0, fps);
        Update();
    }

    /// <summary>reader left or died.</summary>
    public void Remove(IActorRef reader)
    {
        if (_rates.Remove(reader)) Update();
    }

    /// <summary>Forgets the readers that match (e.g. no longer registered on the ring).</summary>
    public void RemoveWhere(Func<IActorRef, bool> gone)
    {
        var removed = _rates.Keys.Where(gone).ToList();
        foreach (var reader in removed) _rates.Remove(reader);
        if (removed.Count > 0) Update();
    }

    /// <summary>Tells the producer the current highest rate (also when nothing changed, e.g. at start).</summary>
    public void Serve() => serve(Max);

    private void Update()
    {
        var max = _rates.Count == 0 ? 0 : _rates.Values.Max();
        if (max == Max) return;
        Max = max;
        serve(max);
    }
}
