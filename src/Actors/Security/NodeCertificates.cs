using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Valkka.Actors.Security;

/// <summary>
/// One node's TLS identity: its certificate with private key, and the CA its peers' certificates
/// must chain to. <see cref="Load"/> names the file and the problem when something is wrong.
/// </summary>
public sealed class NodeCertificates : IDisposable
{
    private NodeCertificates(X509Certificate2 certificate, X509Certificate2 authority)
    {
        Certificate = certificate;
        Authority = authority;
    }

    public X509Certificate2 Certificate { get; }
    public X509Certificate2 Authority { get; }

    public static NodeCertificates Load(TlsDefinition tls, string node)
    {
        var authority = Read(tls.CaFile, "CA certificate", () => X509Certificate2.CreateFromPem(File.ReadAllText(tls.CaFile)));
        var (certFile, keyFile) = (tls.CertificateFile(node), tls.KeyFile(node));
        if (!File.Exists(keyFile)) throw new InvalidDataException($"{keyFile}: no such file (the private key of node \"{node}\"; `valkka cert` makes it)");
        using var pem = Read(certFile, $"certificate of node \"{node}\"", () => X509Certificate2.CreateFromPemFile(certFile, keyFile));
        // A certificate made from PEM holds an ephemeral key that SslStream may not use on every platform.
        var certificate = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        var identity = new NodeCertificates(certificate, authority);
        if (!identity.IsTrusted(certificate))
        {
            identity.Dispose();
            throw new InvalidDataException($"{certFile}: not signed by the topology's CA {tls.CaFile}, or expired");
        }
        return identity;
    }

    /// <summary>True when the certificate chains to this topology's CA (and only to it) and is valid now.</summary>
    public bool IsTrusted(X509Certificate2 peer)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(Authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(peer);
    }

    private static X509Certificate2 Read(string file, string what, Func<X509Certificate2> read)
    {
        if (!File.Exists(file)) throw new InvalidDataException($"{file}: no such file (the {what}; `valkka cert` makes it)");
        try
        {
            return read();
        }
        catch (CryptographicException e)
        {
            throw new InvalidDataException($"{file}: cannot read the {what} as PEM: {e.Message}", e);
        }
    }

    public void Dispose()
    {
        Certificate.Dispose();
        Authority.Dispose();
    }
}
