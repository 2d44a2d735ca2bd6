using System.Net;
using Valkka.Actors.Topology;

namespace Valkka.Actors.Security;

/// <summary>
/// The keys that say how nodes talk across machines: <c>tls { ca, certificates }</c> and
/// <c>insecure</c>. A node bound to an address other than loopback must use TLS unless the
/// topology says <c>insecure = on</c>.
/// </summary>
internal static class SecurityKeys
{
    private static readonly string[] TlsKeys = ["ca", "certificates"];

    public static TlsDefinition? Tls(HoconSection root, string baseDirectory)
    {
        var section = root.Object("tls", required: false);
        if (section is null) return null;
        section.RejectUnknownKeys(TlsKeys);
        var ca = section.String("ca", required: true);
        var folder = section.String("certificates", required: true);
        if (ca is null || folder is null) return null;
        return new TlsDefinition(Path.GetFullPath(ca, baseDirectory), Path.GetFullPath(folder, baseDirectory));
    }

    public static void CheckExposedNodes(HoconSection root, IEnumerable<NodeDefinition> nodes, TlsDefinition? tls, bool insecure)
    {
        if (tls is not null)
            foreach (var node in nodes.Where(n => n.Name == TlsDefinition.Launcher))
                root.Error($"nodes.{node.Name}",
                    $"with tls, \"{TlsDefinition.Launcher}\" names the certificate of `valkka run`'s live view (launcher.crt); give the node another name");
        if (tls is not null || insecure) return;
        foreach (var node in nodes.Where(n => !IsLoopback(n.Host)))
            root.Error($"nodes.{node.Name}.host",
                $"node \"{node.Name}\" listens on {node.Host}, which is not loopback: other machines could reach it. " +
                "Give the topology tls { ca = ..., certificates = ... } (`valkka cert FILE` makes them), " +
                "or say valkka.insecure = on to run without TLS on a network you trust");
    }

    public static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
}
