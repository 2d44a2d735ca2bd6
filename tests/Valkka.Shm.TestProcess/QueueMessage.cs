namespace Valkka.Shm.TestProcess;

/// <summary>
/// The n-th test message of a queue: n as 4 bytes, then 0..60 bytes derived from n, so a message
/// of another n, cut short or torn, does not match.
/// </summary>
public static class QueueMessage
{
    public static int LengthOf(int n) => sizeof(int) + n % 61;

    /// <summary>Writes message n into destination; returns its length.</summary>
    public static int Write(int n, Span<byte> destination)
    {
        int length = LengthOf(n);
        BitConverter.TryWriteBytes(destination, n);
        for (int i = sizeof(int); i < length; i++)
        {
            destination[i] = (byte)(n * 7 + i);
        }
        return length;
    }

    /// <summary>The n a message carries, or -1 when it is not a whole, intact test message.</summary>
    public static int Read(ReadOnlySpan<byte> message)
    {
        if (message.Length < sizeof(int))
        {
            return -1;
        }
        int n = BitConverter.ToInt32(message);
        if (n < 0 || message.Length != LengthOf(n))
        {
            return -1;
        }
        for (int i = sizeof(int); i < message.Length; i++)
        {
            if (message[i] != (byte)(n * 7 + i))
            {
                return -1;
            }
        }
        return n;
    }
}
