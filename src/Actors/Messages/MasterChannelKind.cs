namespace Valkka.Actors.Messages;

/// <summary>How a client's requests to its master and the master's results travel.</summary>
public enum MasterChannelKind
{
    /// <summary>As Akka messages (another host, one actor system, or no same-host queue yet).</summary>
    Akka,

    /// <summary>Through a pair of same-host shared-memory queues (see ChannelMessages).</summary>
    SharedMemory,
}
