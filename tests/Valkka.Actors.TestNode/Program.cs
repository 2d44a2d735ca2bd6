using Akka.Actor;
using Akka.Configuration;
using Valkka.Actors.Cameras;
using Valkka.Actors.Clients;
using Valkka.Actors.Node;
using Valkka.Actors.TestNode;
using Valkka.Actors.Topology;
using Valkka.Media.Decoding;

// Usage:
//   camera <port> <topology> <cameraId> <url> <slots>
//   client <port> <topology> <clientId> <cameraId> <cameraPath> hold
//   cameras <port> <topology> (<cameraId> <url> <slots> <WxH or ->)...   (several cameras on one node)
//   bench <seconds> <WxH> local|remote <credit> <fps, 0 = max>   (transport figures, no assertions)
// Prints "READY <port>" once the actor runs; SIGTERM runs CoordinatedShutdown (rings unlinked).
if (args.Length == 6 && args[0] == "bench")
    return await TransportBench.Run(int.Parse(args[1]), args[2], args[3] == "remote", int.Parse(args[4]), int.Parse(args[5]));
if (args.Length < 5)
{
    Console.Error.WriteLine("usage: camera <port> <topology> <cameraId> <url> <slots> | client <port> <topology> <clientId> <cameraId> <cameraPath> hold");
    return 2;
}
int port = int.Parse(args[1]);
var config = NodeConfig.Create("127.0.0.1", port, [typeof(LeaseHoldingAnalyzer).Assembly]);
var system = ValkkaNode.Start(config);
switch (args[0])
{
    case "camera":
        system.ActorOf(CameraActor.Props(new CameraSettings(args[2], args[3], new DecoderOptions(args[4]), int.Parse(args[5]))
        {
            LeaseTimeout = TimeSpan.FromMinutes(5),
        }), ActorPaths.CameraName(args[3]));
        break;
    case "client":
        var settings = new ClientSettings(args[2], args[3], [new CameraAddress(args[4], args[5])],
            typeof(LeaseHoldingAnalyzer).AssemblyQualifiedName!, Config.Empty, null, Credit: 1);
        system.ActorOf(ClientActor.Props(settings), ActorPaths.ClientName(args[3]));
        break;
    case "cameras":
        for (int i = 3; i + 3 < args.Length; i += 4)
        {
            var size = args[i + 3].Split('x');
            var options = new DecoderOptions(args[i + 1])
            {
                Width = size.Length == 2 ? int.Parse(size[0]) : null,
                Height = size.Length == 2 ? int.Parse(size[1]) : null,
            };
            system.ActorOf(CameraActor.Props(new CameraSettings(args[2], args[i], options, int.Parse(args[i + 2]))
            {
                RingRetryInterval = TimeSpan.FromSeconds(1),
            }), ActorPaths.CameraName(args[i]));
        }
        break;
    default:
        Console.Error.WriteLine($"unknown role {args[0]}");
        return 2;
}
var address = ((ExtendedActorSystem)system).Provider.DefaultAddress;
Console.WriteLine($"READY {address.Port}");
Console.Out.Flush();
await system.WhenTerminated;
return 0;
