using System.Text.Json;

namespace Valkka.Nodes.Node;

/// <summary>
/// The desired-state protocol between a launcher and its node processes, beside <see cref="ApplyLines"/>: on
/// the node's stdin "@valkka-publish " (<see cref="PublishStateRequest"/>) and "@valkka-ask-peers "
/// (<see cref="AskPeersRequest"/>); on its stdout "@valkka-desired " (<see cref="PeerDesiredState"/>) and
/// "@valkka-wanted " (<see cref="PeerWantsState"/>); each followed by the record as JSON on the same line.
/// </summary>
public static class DesiredStateLines
{
    public const string PublishPrefix = "@valkka-publish ";
    public const string AskPeersPrefix = "@valkka-ask-peers ";
    public const string DesiredPrefix = "@valkka-desired ";
    public const string WantedPrefix = "@valkka-wanted ";

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Format(PublishStateRequest request) => JsonLines.Format(PublishPrefix, request, Options);

    public static string Format(AskPeersRequest request) => JsonLines.Format(AskPeersPrefix, request, Options);

    public static string Format(PeerDesiredState notice) => JsonLines.Format(DesiredPrefix, notice, Options);

    public static string Format(PeerWantsState notice) => JsonLines.Format(WantedPrefix, notice, Options);

    /// <summary>True for the lines a node prints for its launcher about its peers (desired, wanted).</summary>
    public static bool IsPeerNotice(string line) =>
        line.StartsWith(DesiredPrefix, StringComparison.Ordinal) || line.StartsWith(WantedPrefix, StringComparison.Ordinal);

    public static bool TryParse(string? line, out PublishStateRequest request) => JsonLines.TryParse(line, PublishPrefix, Options, out request);

    public static bool TryParse(string? line, out AskPeersRequest request) => JsonLines.TryParse(line, AskPeersPrefix, Options, out request);

    public static bool TryParse(string? line, out PeerDesiredState notice) => JsonLines.TryParse(line, DesiredPrefix, Options, out notice);

    public static bool TryParse(string? line, out PeerWantsState notice) => JsonLines.TryParse(line, WantedPrefix, Options, out notice);
}
