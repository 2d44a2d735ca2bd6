using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Valkka.Actors.Security;
using Valkka.Actors.Topology;
using Valkka.Nodes.LiveView;
using Valkka.Nodes.Security;
using Valkka.Nodes.Stats;
using Valkka.Nodes.Tests.Support;

namespace Valkka.Nodes.Tests.Control;

/// <summary>
/// The real web server of `valkka run` (LiveViewService: Kestrel, the page, the gate, the control API) over a
/// <see cref="PlanningDeploymentControl"/> of a topology in a temp folder, with a token file (mode 0600) unless
/// told otherwise and, with tls, certificates made by `valkka cert`'s code. Client() talks to it: over HTTPS
/// it trusts only the topology's CA, as curl --cacert does.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ControlServer : IAsyncDisposable
{
    public const string Token = "test-token-4f1c9a7e2b";

    private readonly LiveViewService _service;
    private readonly TlsDefinition? _tls;

    private ControlServer(string directory, LiveViewService service, PlanningDeploymentControl control, TlsDefinition? tls)
    {
        Directory = directory;
        _service = service;
        Control = control;
        _tls = tls;
    }

    public string Directory { get; }
    public PlanningDeploymentControl Control { get; }

    /// <summary>Where the server is, e.g. http://127.0.0.1:PORT/ (https when it listens off loopback).</summary>
    public Uri Address => _service.Address;

    /// <summary>A folder with topology.conf (Topologies.Valid plus extra) and, unless token is null, web.token holding it (mode 0600).</summary>
    public static string MakeFolder(string extraHocon = "", string? token = Token)
    {
        var directory = Path.Combine(Path.GetTempPath(), "valkka-tests", "control-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "topology.conf"), Topologies.Valid() + "\n" + extraHocon + "\n");
        if (token is not null)
        {
            // As `umask 077; echo TOKEN > web.token` makes it.
            using var file = new FileStream(TokenFile(directory), new FileStreamOptions
            {
                Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
            file.Write(Encoding.UTF8.GetBytes(token + "\n"));
        }
        return directory;
    }

    public static string TokenFile(string directory) => Path.Combine(directory, "web.token");

    /// <summary>Makes the CA, the nodes' and the launcher's certificates of the folder's topology (its tls section).</summary>
    public static void MakeCertificates(string directory)
    {
        var topology = TopologyLoader.LoadText(File.ReadAllText(Path.Combine(directory, "topology.conf")), "control",
            Path.Combine(directory, "topology.conf"), ValidationScope.FileOnly).Topology!;
        new TopologyCertificates(topology.Tls!, TimeSpan.FromDays(2)).Make(topology.Name, TopologyCertificates.WithLauncher(topology.Nodes), renew: false);
    }

    /// <summary>Starts the server of the folder's topology on listen (127.0.0.1:0 by default), with its token file if there is one.</summary>
    public static async Task<ControlServer> StartAsync(string directory, string listen = "127.0.0.1:0")
    {
        var path = Path.Combine(directory, "topology.conf");
        var control = new PlanningDeploymentControl(File.ReadAllText(path), path);
        var topology = control.Current.Topology;
        Assert.True(ListenAddress.TryParse(listen, out var address, out _));
        var settings = new LiveViewSettings(address!) { TokenFile = File.Exists(TokenFile(directory)) ? TokenFile(directory) : null };
        var board = new StatsBoard();
        var service = await LiveViewService.StartAsync(topology, settings, null, ListenAddress.DefaultHost,
            () => (board.Snapshot(TimeSpan.FromSeconds(5)), TimeSpan.Zero), control);
        return new ControlServer(directory, service, control, topology.Tls);
    }

    /// <summary>A client of the server; with token, every request carries Authorization: Bearer token.</summary>
    public HttpClient Client(string? token = null, CookieContainer? cookies = null)
    {
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = cookies is not null, CookieContainer = cookies ?? new CookieContainer() };
        if (_tls is { } tls)
        {
            var authority = X509Certificate2.CreateFromPem(File.ReadAllText(tls.CaFile));
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            {
                if (certificate is null) return false;
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(authority);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
            };
        }
        var client = new HttpClient(handler) { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(20) };
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _service.DisposeAsync();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
