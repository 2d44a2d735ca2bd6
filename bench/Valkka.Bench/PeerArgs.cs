using System.Globalization;

namespace Valkka.Bench;

/// <summary>The key=value arguments a peer was started with.</summary>
public sealed class PeerArgs
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public PeerArgs(IEnumerable<string> tokens)
    {
        foreach (var token in tokens)
        {
            int eq = token.IndexOf('=');
            if (eq <= 0) throw new ArgumentException($"bench peer argument '{token}' is not key=value");
            _values[token[..eq]] = token[(eq + 1)..];
        }
    }

    public string String(string key) =>
        _values.TryGetValue(key, out var v) ? v : throw new ArgumentException($"bench peer argument '{key}' is missing");

    public string String(string key, string fallback) => _values.GetValueOrDefault(key, fallback);

    public int Int(string key) => int.Parse(String(key), CultureInfo.InvariantCulture);
    public int Int(string key, int fallback) => _values.ContainsKey(key) ? Int(key) : fallback;
    public double Double(string key) => double.Parse(String(key), CultureInfo.InvariantCulture);
}
