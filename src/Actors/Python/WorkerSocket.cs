using System.Net.Sockets;

namespace Valkka.Actors.Python;

/// <summary>Whole messages over a worker's socket (a stream: one Send or Receive may move only part of one).</summary>
internal static class WorkerSocket
{
    public static void ReceiveAll(Socket socket, Span<byte> target)
    {
        while (target.Length > 0) target = target[ReceiveSome(socket, target)..];
    }

    /// <summary>What one receive got (at least a byte) into target.</summary>
    public static int ReceiveSome(Socket socket, Span<byte> target)
    {
        int n = socket.Receive(target);
        return n > 0 ? n : throw new IOException("the worker closed its connection");
    }

    public static void SendAll(Socket socket, ReadOnlySpan<byte> bytes)
    {
        while (bytes.Length > 0) bytes = bytes[socket.Send(bytes)..];
    }
}
