using System.Security.Cryptography;
using System.Text;
using Valkka.Actors.Messages;

namespace Valkka.Nodes.Control;

/// <summary>
/// Which of two desired states is newer, decided alike on every host so that all of them end with the same
/// one: the higher version; at equal versions (two hosts changed the deployment at once) the higher origin
/// (ordinal), then the higher SHA-256 of the text.
/// </summary>
internal static class DesiredStateOrder
{
    /// <summary>Above 0: a is newer than b; 0: the same state; below 0: b is newer.</summary>
    public static int Compare(DesiredStateChanged a, DesiredStateChanged b)
    {
        if (a.Version != b.Version) return a.Version.CompareTo(b.Version);
        var byOrigin = string.CompareOrdinal(a.Origin, b.Origin);
        if (byOrigin != 0) return byOrigin;
        return a.Text == b.Text ? 0 : string.CompareOrdinal(Digest(a.Text), Digest(b.Text));
    }

    public static DesiredStateChanged Of(DesiredState state) => new(state.Version, state.Text, state.Origin);

    private static string Digest(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
