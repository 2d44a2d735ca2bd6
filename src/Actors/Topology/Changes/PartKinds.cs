namespace Valkka.Actors.Topology.Changes;

/// <summary>The kinds of parts a plan names.</summary>
public static class PartKinds
{
    public const string Node = "node";
    public const string Camera = "camera";
    public const string Client = "client";
    public const string Master = "master";
}
