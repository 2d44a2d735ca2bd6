using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Valkka.Nodes.Control;

/// <summary>
/// The control API of a running `valkka run` on its Unix socket (<see cref="ControlSocketPath"/>, mode 0600:
/// only its user can connect, so it needs no token): the same <see cref="ControlApi"/> as the web server's;
/// `valkka apply` sends its file with PUT /api/topology.
/// </summary>
internal sealed class ControlSocketServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _path;

    private ControlSocketServer(WebApplication app, string path) => (_app, _path) = (app, path);

    /// <summary>Listens at path; null with why not when another live run already listens there.</summary>
    public static async Task<(ControlSocketServer? Server, string? Problem)> StartAsync(string path, IDeploymentControl control)
    {
        if (File.Exists(path))
        {
            if (await AnswersAsync(path).ConfigureAwait(false))
                return (null, $"another valkka run of this topology listens on {path}; `valkka apply` reaches that one");
            File.Delete(path);
        }
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k =>
        {
            k.ListenUnixSocket(path);
            k.Limits.MaxRequestBodySize = ControlApi.MaxBodyBytes;
        });
        var app = builder.Build();
        new ControlApi(control).Map(app);
        await app.StartAsync().ConfigureAwait(false);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return (new ControlSocketServer(app, path), null);
    }

    private static async Task<bool> AnswersAsync(string path)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path)).ConfigureAwait(false);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        try { File.Delete(_path); } catch (IOException) { }
    }
}
