using System.Security.Cryptography;
using System.Text;
using Valkka.Actors.Security;

namespace Valkka.Nodes.LiveView;

/// <summary>The web server's bearer token (the text of web.token-file), checked in constant time.</summary>
internal sealed class AccessToken
{
    private readonly byte[] _digest;

    public AccessToken(string token) => _digest = Digest(token);

    public static AccessToken Read(string file) => new(WebAccessRules.ReadToken(file));

    /// <summary>
    /// True when presented is the token. Both sides are hashed first, so FixedTimeEquals compares equal
    /// lengths and the time taken tells neither how much of the token matched nor how long it is.
    /// </summary>
    public bool Matches(string? presented) =>
        presented is { Length: > 0 } && CryptographicOperations.FixedTimeEquals(Digest(presented), _digest);

    private static byte[] Digest(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
