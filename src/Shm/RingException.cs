namespace Valkka.Shm;

/// <summary>
/// Thrown for every ring problem. The message names the ring and the problem.
/// </summary>
public sealed class RingException : Exception
{
    public RingException(RingErrorKind kind, string message, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
    }

    public RingErrorKind Kind { get; }
}
