using Valkka.Shm;

namespace Valkka.Actors.Hosting;

/// <summary>
/// Work that arrives through a ring (a same-host message queue): the actor's own thread polls it
/// when it has nothing else to do and sleeps on the ring's doorbell together with its mailbox
/// (<see cref="SleepingThreadExecutor.TryHost"/>), instead of a thread of its own per ring.
/// </summary>
internal interface IRingWakeSource
{
    /// <summary>The ring to sleep on and the sequence after which it has something new.</summary>
    RingWait Awaited { get; }

    /// <summary>Takes whatever the ring holds now (called on the executor's thread); true if it delivered anything.</summary>
    bool Poll();
}
