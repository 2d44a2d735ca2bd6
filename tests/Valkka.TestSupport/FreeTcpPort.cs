using System.Net;
using System.Net.Sockets;

namespace Valkka.TestSupport;

/// <summary>A TCP port on 127.0.0.1 that nothing listened on a moment ago (the OS picks it).</summary>
public static class FreeTcpPort
{
    public static int Pick()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
