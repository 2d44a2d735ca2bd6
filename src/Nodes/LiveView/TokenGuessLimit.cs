using System.Net;

namespace Valkka.Nodes.LiveView;

/// <summary>
/// Wrong tokens per client address, so that the web server's token cannot be found by trying: an address
/// may present <see cref="Burst"/> wrong tokens, then one more each <see cref="RefillEvery"/>. While it has
/// none left, every request of it that presents a token (a bearer header or a login form, right or wrong) is
/// refused with 429 and Retry-After. Said once per burst of guessing, as an analyzer's failures are: when the
/// address runs out of guesses, with the counts at most every <see cref="Reminder"/> while it goes on guessing or
/// being refused, and with the counts once it has all its guesses back (it stopped; said at its next request). Kept
/// for at most <see cref="MaxAddresses"/> addresses (the oldest forgotten first), so guesses cannot grow it.
/// </summary>
internal sealed class TokenGuessLimit(TimeProvider clock, Action<string> say)
{
    public const int Burst = 10;
    public static readonly TimeSpan RefillEvery = TimeSpan.FromSeconds(6);
    public const int MaxAddresses = 4096;
    public static readonly TimeSpan Reminder = TimeSpan.FromMinutes(1);

    private sealed class Guesses
    {
        public double Left = Burst;
        public DateTimeOffset At;
        public bool InBurst;
        public DateTimeOffset SaidAt;
        public long Wrong, Refused;
    }

    private readonly Dictionary<IPAddress, Guesses> _byAddress = [];
    private readonly Lock _lock = new();

    private long _refused;

    /// <summary>Requests refused so far because their address had no guesses left.</summary>
    public long Refused
    {
        get { lock (_lock) return _refused; }
    }

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
            _refused++;
            guesses.Refused++;
            Remind(address, guesses);
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
            guesses.Wrong++;
            if (guesses.InBurst)
                Remind(address, guesses);
            else if (guesses.Left < 1)
            {
                (guesses.InBurst, guesses.SaidAt) = (true, guesses.At);
                say($"web server: {address} presented {guesses.Wrong} wrong tokens; its token requests are refused (429) until it has waited {RefillEvery.TotalSeconds:0} s per guess");
            }
        }
    }

    private void Remind(IPAddress? address, Guesses guesses)
    {
        if (guesses.At - guesses.SaidAt < Reminder) return;
        guesses.SaidAt = guesses.At;
        say($"web server: {address} goes on guessing: {guesses.Wrong} wrong tokens and {guesses.Refused} refused token requests (429) so far");
    }

    // The address's guesses, refilled for the time since its last request (null: none kept and create false).
    private Guesses? Current(IPAddress? address, bool create)
    {
        var key = address ?? IPAddress.None;
        var now = clock.GetUtcNow();
        if (_byAddress.TryGetValue(key, out var guesses))
        {
            guesses.Left = Math.Min(Burst, guesses.Left + (now - guesses.At) / RefillEvery);
            guesses.At = now;
            if (guesses.Left >= Burst)
            {
                if (guesses.InBurst)
                    say($"web server: {address} stopped guessing and has its {Burst} guesses back, after {guesses.Wrong} wrong tokens and {guesses.Refused} refused token requests (429)");
                (guesses.InBurst, guesses.Wrong, guesses.Refused) = (false, 0, 0);
            }
            return guesses;
        }
        if (!create) return null;
        if (_byAddress.Count >= MaxAddresses) _byAddress.Remove(_byAddress.MinBy(g => g.Value.At).Key);
        return _byAddress[key] = new Guesses { At = now };
    }
}
