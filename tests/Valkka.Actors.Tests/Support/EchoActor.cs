using Akka.Actor;

namespace Valkka.Actors.Tests.Support;

/// <summary>Answers every string with the same string.</summary>
public sealed class EchoActor : ReceiveActor
{
    public EchoActor() => Receive<string>(s => Sender.Tell(s));
}
