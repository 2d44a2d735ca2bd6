using System.Globalization;
using System.Text;
using Valkka.Actors.Topology;

namespace Valkka.Chaos.Soak;

/// <summary>
/// The churn soak's live changes as HOCON overrides appended to the topology: each change of a kind flips
/// one harmless key of every part of that kind between its own value and a neighbour, so that the live
/// change restarts those parts and nothing else (docs/operations.md: a changed part restarts alone).
/// Clients: <c>credit</c>; masters: <c>batch.max-wait</c> (+1 ms); cameras: <c>decoder.read-timeout</c> (+1 s).
/// </summary>
public sealed class ChurnEdits(TopologyDefinition topology)
{
    private bool _clients;
    private bool _masters;
    private bool _cameras;

    /// <summary>Flips the kind's key; false when the topology has no part of that kind.</summary>
    public bool Flip(ChurnKind kind)
    {
        switch (kind)
        {
            case ChurnKind.Clients when topology.Clients.Count > 0: _clients = !_clients; return true;
            case ChurnKind.Masters when topology.Masters.Count > 0: _masters = !_masters; return true;
            case ChurnKind.Cameras when topology.Cameras.Count > 0: _cameras = !_cameras; return true;
            default: return false;
        }
    }

    /// <summary>The overrides for the keys as they stand now (each key written even when at its own value).</summary>
    public string Overrides()
    {
        var text = new StringBuilder("# soak churn overrides\n");
        foreach (var c in topology.Clients)
            text.Append(CultureInfo.InvariantCulture, $"valkka.clients.{c.Id}.credit = {(_clients ? (c.Credit >= 64 ? c.Credit - 1 : c.Credit + 1) : c.Credit)}\n");
        foreach (var m in topology.Masters)
            text.Append(CultureInfo.InvariantCulture, $"valkka.masters.{m.Id}.batch.max-wait = {Ms(m.MaxWait) + (_masters ? 1 : 0)}ms\n");
        foreach (var c in topology.Cameras)
            text.Append(CultureInfo.InvariantCulture, $"valkka.cameras.{c.Id}.decoder.read-timeout = {Ms(c.Decoder.ReadTimeout) + (_cameras ? 1000 : 0)}ms\n");
        return text.ToString();
    }

    private static long Ms(TimeSpan t) => (long)t.TotalMilliseconds;
}
