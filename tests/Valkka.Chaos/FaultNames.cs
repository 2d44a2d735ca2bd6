namespace Valkka.Chaos;

/// <summary>The faults of issue 17, in the order a run injects them.</summary>
public static class FaultNames
{
    public const string Kill = "kill";
    public const string Freeze = "freeze";
    public const string RtspOutage = "rtsp-outage";
    public const string SmallShm = "small-shm";
    public const string RingGarbage = "ring-garbage";
    public const string RemotingGarbage = "remoting-garbage";
    public const string Master = "master-analyzer";

    public static readonly IReadOnlySet<string> All =
        new SortedSet<string>([Kill, Freeze, RtspOutage, SmallShm, RingGarbage, RemotingGarbage, Master]);

    public static readonly IReadOnlyList<string> Order = [Kill, Freeze, RtspOutage, SmallShm, RingGarbage, RemotingGarbage, Master];
}
