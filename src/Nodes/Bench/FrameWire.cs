using Akka.Actor;
using Akka.Configuration;
using Valkka.Actors;

namespace Valkka.Nodes.Bench;

/// <summary>The framework's node configuration (Hyperion with the allowlist) for benchmark nodes.</summary>
public static class FrameWire
{
    public const string SystemName = NodeConfig.SystemName;

    public static Config Config() =>
        NodeConfig.Create("127.0.0.1", 0, [typeof(FrameWire).Assembly, typeof(Valkka.Samples.HeavyBatchAnalyzer).Assembly]);

    public static string CameraPath(int port, string cameraId) =>
        $"akka.tcp://{SystemName}@127.0.0.1:{port}/user/{CameraActor.ActorName(cameraId)}";

    public static IActorRef ResolveClient(ActorSystem system, int port, string clientId) =>
        BenchAkka.Resolve(system, port, ClientActor.ActorName(clientId));
}
