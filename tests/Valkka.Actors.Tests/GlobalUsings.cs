global using Valkka.Actors.Cameras;
global using Valkka.Actors.Clients;
global using Valkka.Actors.Hosting;
global using Valkka.Actors.Masters;
global using Valkka.Actors.Topology;
