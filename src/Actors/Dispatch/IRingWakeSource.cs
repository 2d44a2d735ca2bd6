using Valkka.Shm;
using Valkka.Actors.Node;

namespace Valkka.Actors.Dispatch;

/// <summary>
/// Work that arrives through a ring (a camera's doorbell, a same-host message queue): whoever hosts it
/// (<see cref="ActorHosting"/>: the actor's own thread, together with its mailbox, or a thread of its
/// own) polls it and sleeps on the ring's doorbell in between.
/// </summary>
internal interface IRingWakeSource
{
    /// <summary>The ring to sleep on and the sequence after which it has something new.</summary>
    RingWait Awaited { get; }

    /// <summary>Takes whatever the ring holds now (called on the hosting thread); true if it delivered anything.</summary>
    bool Poll();
}
