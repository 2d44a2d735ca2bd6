global using Valkka.Actors.Cameras;
global using Valkka.Actors.Clients;
global using Valkka.Actors.Dispatch;
global using Valkka.Actors.Node;
global using Valkka.Actors.Security;
global using Valkka.Actors.Masters;
global using Valkka.Actors.Topology;
