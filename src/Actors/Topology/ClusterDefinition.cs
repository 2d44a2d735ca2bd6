namespace Valkka.Actors.Topology;

/// <summary>
/// Key cluster: how the nodes of a topology form one Akka cluster. SeedNodes names the nodes a starting
/// node asks to join (in order; the first one alone may start a new cluster); empty: the default of
/// <see cref="ClusterSeeds"/>.
/// </summary>
public sealed record ClusterDefinition(IReadOnlyList<string> SeedNodes);
