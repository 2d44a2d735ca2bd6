using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Valkka.Actors.Security;
using Valkka.Actors.Topology;

namespace Valkka.Nodes.Security;

/// <summary>
/// Makes what a topology's <c>tls</c> section names: a CA (ca.crt, its key beside it as ca.key,
/// reused when present) and for each node NODE.crt / NODE.key signed by it, with the node's name
/// and host as subject alternative names and both server and client use (mutual TLS). Keys are
/// ECDSA P-256 in PKCS#8 PEM files of mode 0600. <see cref="WithLauncher"/> adds the certificate of
/// `valkka run`'s live view, which has no host of its own (peers do not check host names).
/// </summary>
public sealed class TopologyCertificates(TlsDefinition tls, TimeSpan validity)
{
    public string CaKeyFile => Path.ChangeExtension(tls.CaFile, ".key");

    /// <summary>Writes the missing files (all node certificates when renew); returns the files written.</summary>
    public IReadOnlyList<string> Make(string topologyName, IEnumerable<NodeDefinition> nodes, bool renew)
    {
        var written = new List<string>();
        Directory.CreateDirectory(Path.GetDirectoryName(tls.CaFile)!);
        Directory.CreateDirectory(tls.CertificateFolder);
        using var ca = File.Exists(tls.CaFile) && File.Exists(CaKeyFile)
            ? X509Certificate2.CreateFromPemFile(tls.CaFile, CaKeyFile)
            : NewAuthority(topologyName, written);
        foreach (var node in nodes)
        {
            if (!renew && File.Exists(tls.CertificateFile(node.Name)) && File.Exists(tls.KeyFile(node.Name))) continue;
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest($"CN={node.Name}, O=valkka {topologyName}", key, HashAlgorithmName.SHA256);
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName(node.Name);
            if (IPAddress.TryParse(node.Host, out var ip)) names.AddIpAddress(ip);
            else if (node.Host.Length > 0) names.AddDnsName(node.Host);
            request.CertificateExtensions.Add(names.Build());
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
                [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));   // server and client authentication
            request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
            var now = DateTimeOffset.UtcNow;
            using var certificate = request.Create(ca, now.AddMinutes(-5), Min(now + validity, ca.NotAfter), RandomNumberGenerator.GetBytes(16));
            Write(tls.CertificateFile(node.Name), certificate.ExportCertificatePem(), secret: false, written);
            Write(tls.KeyFile(node.Name), key.ExportPkcs8PrivateKeyPem(), secret: true, written);
        }
        return written;
    }

    /// <summary>The topology's nodes and the launcher (certificate <see cref="TlsDefinition.Launcher"/>, no host).</summary>
    public static IEnumerable<NodeDefinition> WithLauncher(IEnumerable<NodeDefinition> nodes) =>
        nodes.Append(new NodeDefinition(TlsDefinition.Launcher, "", 0));

    private X509Certificate2 NewAuthority(string topologyName, List<string> written)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN=valkka CA, O=valkka {topologyName}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        var ca = request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(10));
        Write(tls.CaFile, ca.ExportCertificatePem(), secret: false, written);
        Write(CaKeyFile, key.ExportPkcs8PrivateKeyPem(), secret: true, written);
        return ca;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTime b) => a < b.ToUniversalTime() ? a : new DateTimeOffset(b.ToUniversalTime());

    private static void Write(string path, string pem, bool secret, List<string> written)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (secret && !OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var file = new StreamWriter(path, System.Text.Encoding.ASCII, options)) file.Write(pem);
        if (secret && !OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        written.Add(path);
    }
}
