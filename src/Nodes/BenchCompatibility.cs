// Keeps src/Nodes/Bench compiling with the Valkka.Actors names it was written against (namespaces
// that follow folders, actor names from ActorPaths). Delete this file once Bench uses the new names.
global using Valkka.Actors.Cameras;
global using Valkka.Actors.Clients;
global using Valkka.Actors.Hosting;
global using Valkka.Actors.Masters;
global using Valkka.Actors.Messages;
using Valkka.Actors.Topology;

namespace Valkka.Nodes;

internal static class BenchCameraActorName
{
    extension(CameraActor)
    {
        public static string ActorName(string cameraId) => ActorPaths.CameraName(cameraId);
    }
}

internal static class BenchClientActorName
{
    extension(ClientActor)
    {
        public static string ActorName(string clientId) => ActorPaths.ClientName(clientId);
    }
}

internal static class BenchMasterActorName
{
    extension(MasterActor)
    {
        public static string ActorName(string masterId) => ActorPaths.MasterName(masterId);
    }
}
