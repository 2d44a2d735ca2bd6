namespace Valkka.Actors.Topology;

/// <summary>One problem in a topology file: the HOCON path that is wrong and what is wrong with it.</summary>
public sealed record TopologyError(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}
