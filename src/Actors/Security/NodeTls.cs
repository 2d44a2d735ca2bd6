using System.Net.Security;
using Akka.Actor;
using Akka.Configuration;
using Akka.Event;
using Akka.Remote.Transport.DotNetty;
using Valkka.Actors.Node;

namespace Valkka.Actors.Security;

/// <summary>
/// Akka.Remote's DotNetty TLS for a node: the node's certificate, mutual authentication, and a
/// peer accepted only when its certificate chains to the topology's CA (not the system's roots:
/// a certificate any public CA signed is not one of our nodes). Host names are not checked: nodes
/// are named by the topology, and the CA signs only them.
/// </summary>
public static class NodeTls
{
    public static Config Config { get; } = ConfigurationFactory.ParseString("akka.remote.dot-netty.tcp.enable-ssl = true");

    /// <summary>
    /// Starts an ActorSystem with config; when tls is given, over TLS presenting the certificate named
    /// certificate (a node's name, or <see cref="TlsDefinition.Launcher"/>), disposed with the system.
    /// </summary>
    /// <exception cref="InvalidDataException">The certificate or the CA is missing, unreadable or not trusted.</exception>
    public static ActorSystem Start(Config config, TlsDefinition? tls, string certificate)
    {
        if (tls is null) return ValkkaNode.Start(config);
        var certificates = NodeCertificates.Load(tls, certificate);
        var system = ValkkaNode.Start(Config.WithFallback(config), Setup(certificates));
        system.RegisterOnTermination(certificates.Dispose);
        return system;
    }

    public static DotNettySslSetup Setup(NodeCertificates certificates) =>
        new(certificates.Certificate, suppressValidation: false, requireMutualAuthentication: true,
            (certificate, _, peer, _, log) =>
            {
                if (certificate is not null && certificates.IsTrusted(certificate)) return true;
                log.Warning("TLS: refused {0}: {1}", peer,
                    certificate is null ? "it presented no certificate" : $"its certificate {certificate.Subject} is not signed by this topology's CA");
                return false;
            });
}
