namespace Valkka.Actors.Topology;

/// <summary>
/// Mutual TLS for remoting: every node presents <c>CertificateFolder/NODE.crt</c> (key in
/// <c>NODE.key</c>, PEM) and accepts only peers whose certificate chains to <c>CaFile</c>.
/// Paths are absolute (the parser resolves them against the topology file's folder).
/// </summary>
public sealed record TlsDefinition(string CaFile, string CertificateFolder)
{
    public string CertificateFile(string node) => Path.Combine(CertificateFolder, node + ".crt");
    public string KeyFile(string node) => Path.Combine(CertificateFolder, node + ".key");
}
