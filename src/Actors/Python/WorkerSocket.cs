using System.Net.Sockets;

namespace Valkka.Actors.Python;

/// <summary>Whole messages over a worker's socket (a stream: one Send or Receive may move only part of one).</summary>
internal static class WorkerSocket
{
    public static void ReceiveAll(Socket socket, Span<byte> target)
    {
        while (target.Length > 0)
        {
            int n = socket.Receive(target);
            if (n == 0) throw new IOException("the worker closed its connection");
            target = target[n..];
        }
    }

    public static void SendAll(Socket socket, ReadOnlySpan<byte> bytes)
    {
        while (bytes.Length > 0) bytes = bytes[socket.Send(bytes)..];
    }
}
