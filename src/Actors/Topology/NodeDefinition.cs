using Valkka.Actors.Messages;

namespace Valkka.Actors.Topology;

/// <summary>One OS process: an ActorSystem named "valkka" with remoting on Host:Port.</summary>
public sealed record NodeDefinition(string Name, string Host, int Port)
{
    public const string TcpProtocol = "akka.tcp";
    public const string TlsProtocol = "akka.ssl.tcp";

    /// <summary>Akka.Remote's protocol: akka.ssl.tcp when the topology uses TLS.</summary>
    public string Protocol { get; init; } = TcpProtocol;

    /// <summary>The node's roles in the cluster (key roles): placement chooses among the nodes of a role.</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];

    public string Address => $"{Protocol}://{ActorPaths.SystemName}@{Host}:{Port}";
}
