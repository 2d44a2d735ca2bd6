using System.Net;

namespace Valkka.Nodes.LiveView;

/// <summary>
/// Wrong tokens per client address, so that the web server's token cannot be found by trying: an address
/// may present <see cref="Burst"/> wrong tokens, then one more each <see cref="RefillEvery"/>. While it has
/// none left, every request of it that presents a token (a bearer header or a login form, right or wrong) is
/// refused with 429 and Retry-After; one warning is said per address and lockout. Kept for at most
/// <see cref="MaxAddresses"/> addresses (the oldest forgotten first), so guesses cannot grow it.
/// </summary>
internal sealed class TokenGuessLimit(TimeProvider clock, Action<string> say)
{
    public const int Burst = 10;
    public static readonly TimeSpan RefillEvery = TimeSpan.FromSeconds(6);
    public const int MaxAddresses = 4096;

    private sealed class Guesses
    {
        public double Left = Burst;
        public DateTimeOffset At;
        public bool Said;
    }

    private readonly Dictionary<IPAddress, Guesses> _byAddress = [];
    private readonly Lock _lock = new();

    /// <summary>Requests refused so far because their address had no guesses left.</summary>
    public long Refused { get; private set; }

    /// <summary>Addresses whose guesses are kept.</summary>
    public int Addresses
    {
        get { lock (_lock) return _byAddress.Count; }
    }

    /// <summary>How long address must wait before it may present a token again; null: it may now.</summary>
    public TimeSpan? WaitFor(IPAddress? address)
    {
        lock (_lock)
        {
            if (Current(address, create: false) is not { } guesses || guesses.Left >= 1) return null;
            Refused++;
            return RefillEvery * (1 - guesses.Left);
        }
    }

    /// <summary>address presented a wrong token.</summary>
    public void Wrong(IPAddress? address)
    {
        lock (_lock)
        {
            var guesses = Current(address, create: true)!;
            guesses.Left = Math.Max(0, guesses.Left - 1);
            if (guesses.Left < 1 && !guesses.Said)
            {
                guesses.Said = true;
                say($"web server: {address} presented {Burst} wrong tokens; its token requests are refused (429) until it has waited {RefillEvery.TotalSeconds:0} s per guess");
            }
        }
    }

    private Guesses? Current(IPAddress? address, bool create)
    {
        var key = address ?? IPAddress.None;
        var now = clock.GetUtcNow();
        if (_byAddress.TryGetValue(key, out var guesses))
        {
            guesses.Left = Math.Min(Burst, guesses.Left + (now - guesses.At) / RefillEvery);
            guesses.At = now;
            if (guesses.Left >= 1) guesses.Said = false;
            return guesses;
        }
        if (!create) return null;
        if (_byAddress.Count >= MaxAddresses) _byAddress.Remove(_byAddress.MinBy(g => g.Value.At).Key);
        return _byAddress[key] = new Guesses { At = now };
    }
}
