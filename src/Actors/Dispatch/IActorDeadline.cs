namespace Valkka.Actors.Dispatch;

/// <summary>One deadline of an actor: at the due time the actor is told the message it was made with.</summary>
internal interface IActorDeadline
{
    /// <summary>Due at Stopwatch timestamp due, replacing the deadline set before (from the actor's own code).</summary>
    void Set(long due);

    void Clear();
}
