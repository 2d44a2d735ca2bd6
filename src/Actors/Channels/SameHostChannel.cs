using Akka.Actor;

namespace Valkka.Actors.Channels;

/// <summary>Both ends an actor holds for one peer on its host: its queue to the peer and the peer's queue to it.</summary>
internal sealed class SameHostChannel(IActorRef peer, MessageChannelWriter outgoing, MessageChannelReader incoming) : IDisposable
{
    public IActorRef Peer { get; } = peer;

    public MessageChannelWriter Outgoing { get; } = outgoing;

    public MessageChannelReader Incoming { get; } = incoming;

    /// <summary>Sends through the queue; false when it is full or the message too big (send it as an Akka message then).</summary>
    public bool TrySend(object message) => Outgoing.TrySend(message);

    public void Dispose()
    {
        Incoming.Dispose();
        Outgoing.Dispose();
    }
}
