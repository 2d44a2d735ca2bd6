using Akka.Actor;
using Akka.Event;
using Valkka.Actors.Flow;
using Valkka.Actors.Messages;
using Valkka.Actors.Node;
using Valkka.Actors.Topology;
using Valkka.Shm;

namespace Valkka.Actors.Channels;

/// <summary>
/// A master's side of the same-host channels (see ChannelMessages): takes a client's offer of a
/// requests queue and answers with a results queue, unless the client shares the master's actor system
/// or runs on another host. Results go back through a client's queue while it has room, else as Akka messages.
/// </summary>
internal sealed class ChannelServer(string masterId, string hostIdentity, IActorContext context, ILoggingAdapter log, ActorHosting hosting)
{
    private readonly Dictionary<IActorRef, SameHostChannel> _channels = new();
    private readonly Dictionary<IActorRef, ReaderProcess> _processes = new();
    private int _opened;

    public int Count => _channels.Count;

    /// <summary>Channels whose requests queue the master's own thread reads.</summary>
    public int OnActorThread => _channels.Values.Count(c => c.Incoming.IsHosted);

    /// <summary>Answers a client's offer; true when the queues are open.</summary>
    public bool Open(OpenChannel m, IActorRef client)
    {
        if (client is IActorRefScope { IsLocal: true })
        {
            client.Tell(new ChannelRefused(masterId, m.Ring.Path, "client and master share one actor system: their messages are local already"), context.Self);
            return false;
        }
        if (m.Ring.HostIdentity != hostIdentity)
        {
            client.Tell(new ChannelRefused(masterId, m.Ring.Path, $"the client runs on {m.Ring.HostIdentity}, this master on {hostIdentity}"), context.Self);
            return false;
        }
        if (_channels.Remove(client, out var old)) old.Dispose(); // the client offers again (it restarted, or missed our answer)
        MessageChannelWriter? results = null;
        try
        {
            results = MessageChannelWriter.Create(context.System, m.Topology, ActorPaths.QueueName(masterId, ++_opened), hostIdentity);
            var requests = MessageChannelReader.Start(context.System, m.Ring.Path, m.ReaderIndex, context.Self, client, log, hosting);
            _channels.Add(client, new SameHostChannel(client, results, requests));
            if (m.Process is not null) _processes[client] = m.Process;
        }
        catch (RingException e)
        {
            results?.Dispose();
            client.Tell(new ChannelRefused(masterId, m.Ring.Path, $"cannot open the queues: {e.Message}"), context.Self);
            return false;
        }
        client.Tell(new ChannelOpened(masterId, m.Ring.Path, results.Descriptor, results.ReaderIndex), context.Self);
        log.Info("Master {0}: client {1}'s requests and results go through shared-memory queues", masterId, m.ClientId);
        return true;
    }

    /// <summary>Sends a result to client: through its queue when it has one with room, else as an Akka message.</summary>
    public void Reply(IActorRef client, MasterResult result)
    {
        if (!(_channels.TryGetValue(client, out var channel) && channel.TrySend(result))) client.Tell(result, context.Self);
    }

    /// <summary>True when client has a channel and its process on this host lives.</summary>
    public bool ClientAlive(IActorRef client) => _processes.TryGetValue(client, out var p) && ReaderProcesses.IsAliveHere(p, hostIdentity);

    /// <summary>A watched actor died: its channel, if any, is closed.</summary>
    public void OnTerminated(IActorRef actor)
    {
        _processes.Remove(actor);
        if (_channels.Remove(actor, out var channel)) channel.Dispose();
    }

    public void CloseAll()
    {
        foreach (var channel in _channels.Values) channel.Dispose();
        _channels.Clear();
        _processes.Clear();
    }
}
