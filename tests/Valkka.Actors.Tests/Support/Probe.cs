using Akka.Actor;
using Valkka.Actors.Messages;

namespace Valkka.Actors.Tests.Support;

/// <summary>Synchronous asks for the tests' wait-for-condition loops.</summary>
public static class Probe
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(5);

    public static T Ask<T>(IActorRef actor, object message) => actor.Ask<T>(message, AskTimeout).GetAwaiter().GetResult();

    public static CameraDetails Camera(IActorRef camera) => Ask<CameraDetails>(camera, new GetCameraDetails());

    public static ReaderCounters Reader(IActorRef camera, string readerId) =>
        Ask<ReaderCountersList>(camera, new GetReaderCounters(readerId)).Readers.Single();

    public static ClientCameraDetails Client(IActorRef client, string cameraId) =>
        Ask<ClientDetails>(client, new GetClientDetails()).Cameras.Single(c => c.CameraId == cameraId);
}
