namespace Valkka.Actors.Dispatch;

/// <summary>A ring source being polled; disposing it stops that (then the source's ring may be unmapped).</summary>
internal interface IHostedRingSource : IDisposable
{
    /// <summary>True when the actor's own thread polls it (no thread of its own).</summary>
    bool OnActorThread { get; }
}
