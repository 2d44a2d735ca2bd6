using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Valkka.Actors.Topology;

namespace Valkka.Nodes.Node;

/// <summary>
/// Which nodes of a topology this machine runs: those whose host is a loopback address or one of
/// this machine's own addresses (a name is resolved first). The others run elsewhere, started there
/// with `valkka node` or `valkka run`.
/// </summary>
public static class LocalNodes
{
    public static IReadOnlyList<NodeDefinition> Of(TopologyDefinition topology)
    {
        var own = OwnAddresses();
        return topology.Nodes.Where(n => IsLocal(n.Host, own)).ToList();
    }

    public static bool IsLocal(string host, IReadOnlySet<IPAddress> own)
    {
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(host, out var ip) ? [ip] : Dns.GetHostAddresses(host);
        }
        catch (SocketException)
        {
            return false;
        }
        return addresses.Any(a => IPAddress.IsLoopback(a) || own.Contains(a) || a.Equals(IPAddress.Any) || a.Equals(IPAddress.IPv6Any));
    }

    public static IReadOnlySet<IPAddress> OwnAddresses() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(i => i.GetIPProperties().UnicastAddresses.Select(u => u.Address))
            .ToHashSet();
}
