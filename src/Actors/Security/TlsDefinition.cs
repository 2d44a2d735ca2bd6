namespace Valkka.Actors.Security;

/// <summary>
/// Mutual TLS for remoting: every node presents <c>CertificateFolder/NODE.crt</c> (key in
/// <c>NODE.key</c>, PEM) and accepts only peers whose certificate chains to <c>CaFile</c>.
/// Paths are absolute (the parser resolves them against the topology file's folder).
/// </summary>
public sealed record TlsDefinition(string CaFile, string CertificateFolder)
{
    /// <summary>
    /// The certificate name (<c>launcher.crt</c>/<c>.key</c>) of `valkka run`'s own ActorSystem, which the
    /// live view (--web) joins the nodes with; no node may have this name under TLS.
    /// </summary>
    public const string Launcher = "launcher";

    public string CertificateFile(string node) => Path.Combine(CertificateFolder, node + ".crt");
    public string KeyFile(string node) => Path.Combine(CertificateFolder, node + ".key");
}
