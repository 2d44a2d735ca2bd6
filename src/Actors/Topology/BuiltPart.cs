namespace Valkka.Actors.Topology;

/// <summary>One node, camera, client or master of a <see cref="TopologyBuilder"/>: its id and its keys in the order written.</summary>
internal sealed record BuiltPart(string Id, IReadOnlyList<KeyValuePair<string, object?>> Keys);
