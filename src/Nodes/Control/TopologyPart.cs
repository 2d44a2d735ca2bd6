using Valkka.Actors.Topology;
using Valkka.Actors.Topology.Changes;

namespace Valkka.Nodes.Control;

/// <summary>A kind of part the control API edits one by one: its section of the topology (cameras) and its kind in a plan (camera).</summary>
internal sealed record TopologyPart(string Section, string Kind, Func<TopologyDefinition, IEnumerable<string>> Ids)
{
    public static readonly IReadOnlyList<TopologyPart> All =
    [
        new("cameras", PartKinds.Camera, t => t.Cameras.Select(c => c.Id)),
        new("clients", PartKinds.Client, t => t.Clients.Select(c => c.Id)),
        new("masters", PartKinds.Master, t => t.Masters.Select(m => m.Id)),
    ];

    /// <summary>The key path of one part, e.g. valkka.cameras.cam3.</summary>
    public string PathOf(string id) => $"valkka.{Section}.{id}";
}
