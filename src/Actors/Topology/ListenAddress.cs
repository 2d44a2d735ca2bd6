using System.Globalization;
using System.Net;

namespace Valkka.Actors.Topology;

/// <summary>Where a server listens: an IP address (127.0.0.1 unless told otherwise) and a TCP port (0: any free one).</summary>
public sealed record ListenAddress(string Host, int Port)
{
    public const string DefaultHost = "127.0.0.1";

    public override string ToString() => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";

    /// <summary>Reads "HOST:PORT", "[IPv6]:PORT" or "PORT" (on 127.0.0.1); error says what is wrong.</summary>
    public static bool TryParse(string? text, out ListenAddress? address, out string error)
    {
        address = null;
        error = "";
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "expected HOST:PORT, e.g. 127.0.0.1:8080, got nothing";
            return false;
        }
        var colon = text.LastIndexOf(':');
        var host = colon < 0 ? DefaultHost : text[..colon].Trim('[', ']');
        var portText = colon < 0 ? text : text[(colon + 1)..];
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            error = $"expected HOST:PORT with a port from 0 to 65535, got \"{text}\"";
            return false;
        }
        if (!IPAddress.TryParse(host, out _) && host != "localhost")
        {
            error = $"\"{host}\" is not an IP address to listen on (e.g. 127.0.0.1, 0.0.0.0 for every interface)";
            return false;
        }
        address = new ListenAddress(host, port);
        return true;
    }
}
