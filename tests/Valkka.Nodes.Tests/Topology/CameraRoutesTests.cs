using Valkka.Actors.Topology;

namespace Valkka.Nodes.Tests.Topology;

/// <summary>Where relays run when main3's nodes are on several hosts: the relay rule counts a master that serves a client of the camera as a reader.</summary>
public sealed class CameraRoutesTests
{
    private static TopologyDefinition Main3(string cameras, string clients, string master)
    {
        var path = Path.Combine(RepoPaths.Hocon, "main3.conf");
        var hosts = $"""
            valkka.nodes.cameras.host = "{cameras}"
            valkka.nodes.client1.host = "{clients}"
            valkka.nodes.client2.host = "{clients}"
            valkka.nodes.client3.host = "{clients}"
            valkka.nodes.master.host = "{master}"
            """;
        var parsed = TopologyParser.Parse(File.ReadAllText(path) + "\n" + hosts, "unit", path);
        Assert.True(parsed.Topology is not null, string.Join("\n", parsed.Errors));
        return parsed.Topology;
    }

    [Fact]
    public void A_master_on_a_third_host_gets_a_relay_of_every_camera_its_clients_read_in_its_own_node()
    {
        var topology = Main3("10.0.0.1", "10.0.0.2", "10.0.0.3");

        Assert.Equal(["cam1", "cam2", "cam3"], CameraRoutes.RelayedOn(topology, "master").Select(c => c.Id));
        Assert.Equal(["cam1"], CameraRoutes.RelayedOn(topology, "client1").Select(c => c.Id));
        Assert.Equal(ActorPaths.Remote(topology.Node("master"), ActorPaths.RelayName("cam2")), CameraRoutes.RelaysForMaster(topology, "heavy")["cam2"]);
        Assert.True(CameraRoutes.ServesMaster(topology, "cam2", "master"));
        Assert.False(CameraRoutes.ServesMaster(topology, "cam2", "client2"));
    }

    [Fact]
    public void A_master_on_its_clients_host_uses_their_relays_and_one_on_the_cameras_host_needs_none()
    {
        var withClients = Main3("10.0.0.1", "10.0.0.2", "10.0.0.2");
        Assert.Empty(CameraRoutes.RelayedOn(withClients, "master"));
        Assert.Equal(ActorPaths.Remote(withClients.Node("client1"), ActorPaths.RelayName("cam1")),
            CameraRoutes.RelaysForMaster(withClients, "heavy")["cam1"]);

        var withCameras = Main3("10.0.0.1", "10.0.0.2", "10.0.0.1");
        Assert.Empty(CameraRoutes.RelaysForMaster(withCameras, "heavy"));
        Assert.Empty(CameraRoutes.RelayedOn(withCameras, "master"));
    }
}
