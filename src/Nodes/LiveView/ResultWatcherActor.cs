using Akka.Actor;
using Valkka.Actors.Messages;

namespace Valkka.Nodes.LiveView;

/// <summary>
/// Asks every master (those of the deployment now: a master added by a live change is asked from the next renewal) for the boxes it finds (WatchResults, renewed before the lease ends) while a
/// browser watches, and puts what comes back on the board. With nobody watching the leases lapse
/// and the masters send nothing.
/// </summary>
internal sealed class ResultWatcherActor : ReceiveActor, IWithTimers
{
    private sealed record Renew
    {
        public static readonly Renew Instance = new();
    }

    // Often, so that boxes show within a second of a browser coming; the masters' lease is 10 s.
    private static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(1);

    private readonly Func<IReadOnlyList<string>> _masterPaths;
    private readonly Func<bool> _watched;
    private readonly string _watcherId;

    public ResultWatcherActor(Func<IReadOnlyList<string>> masterPaths, Func<bool> watched, BoxBoard board, string watcherId)
    {
        _masterPaths = masterPaths;
        _watched = watched;
        _watcherId = watcherId;
        Receive<WatchedBoxes>(board.Put);
        Receive<Renew>(_ =>
        {
            if (!_watched()) return;
            foreach (var path in _masterPaths()) Context.ActorSelection(path).Tell(new WatchResults(_watcherId));
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(Func<IReadOnlyList<string>> masterPaths, Func<bool> watched, BoxBoard board, string watcherId) =>
        Akka.Actor.Props.Create(() => new ResultWatcherActor(masterPaths, watched, board, watcherId));

    protected override void PreStart() =>
        Timers.StartPeriodicTimer("renew", Renew.Instance, TimeSpan.Zero, RenewEvery);
}
