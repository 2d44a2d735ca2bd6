using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Valkka.Nodes.LiveView;

/// <summary>
/// The browser sessions of the web server, in memory: a random id (256 bits) per login, valid for
/// <see cref="Lifetime"/>; at most <see cref="MaxSessions"/>, the oldest ending first, so logins cannot grow it.
/// </summary>
internal sealed class WebSessions(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);
    public const int MaxSessions = 256;

    private readonly ConcurrentDictionary<string, DateTimeOffset> _ends = new(StringComparer.Ordinal);
    private readonly Lock _starting = new();

    public int Count => _ends.Count;

    /// <summary>A new session; its id goes into the cookie.</summary>
    public string Start()
    {
        var id = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        lock (_starting)
        {
            var now = clock.GetUtcNow();
            foreach (var (old, end) in _ends)
                if (end <= now) _ends.TryRemove(old, out _);
            while (_ends.Count >= MaxSessions)
                _ends.TryRemove(_ends.MinBy(s => s.Value).Key, out _);
            _ends[id] = now + Lifetime;
        }
        return id;
    }

    public bool IsValid(string? id) => id is not null && _ends.TryGetValue(id, out var end) && end > clock.GetUtcNow();

    public void End(string id) => _ends.TryRemove(id, out _);
}
