using System.Net.Sockets;

namespace Valkka.Nodes.Control;

/// <summary>An HttpClient for a run's control socket (<see cref="ControlSocketServer"/>).</summary>
public static class ControlClient
{
    public static HttpClient Create(string socketPath, TimeSpan? timeout = null)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancel) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancel).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        // A change may stop and start many parts; each node has 30 s per phase.
        return new HttpClient(handler) { BaseAddress = new Uri("http://valkka"), Timeout = timeout ?? TimeSpan.FromMinutes(2) };
    }
}
