using System.Net;
using System.Net.Sockets;

namespace Valkka.Nodes.Launcher;

/// <summary>Asks the OS for free TCP ports (bind port 0), distinct from each other.</summary>
public static class FreePorts
{
    public static IReadOnlyList<int> Take(int count)
    {
        var listeners = new List<TcpListener>();
        try
        {
            for (var i = 0; i < count; i++)
            {
                var l = new TcpListener(IPAddress.Loopback, 0);
                l.Start();
                listeners.Add(l);
            }
            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToList();
        }
        finally
        {
            foreach (var l in listeners) l.Stop();
        }
    }
}
