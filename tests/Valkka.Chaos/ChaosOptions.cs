namespace Valkka.Chaos;

/// <summary>How `valkka chaos` runs: which faults, how many kill cycles, how long a recovery may take.</summary>
public sealed record ChaosOptions(string File)
{
    public int Kills { get; init; } = 10;
    public TimeSpan RecoveryLimit { get; init; } = TimeSpan.FromSeconds(30);
    public int Seed { get; init; } = Environment.TickCount;
    public string? JsonPath { get; init; }
    public string? LogPath { get; init; }
    /// <summary>How long a node stays frozen (SIGSTOP) and an RTSP server stays down.</summary>
    public TimeSpan Outage { get; init; } = TimeSpan.FromSeconds(10);
    public IReadOnlySet<string> Faults { get; init; } = FaultNames.All;
    /// <summary>The camera served by the runner's own RTSP server for the RTSP fault (default: the first camera).</summary>
    public string? RtspCamera { get; init; }
    /// <summary>The valkka program the nodes run (e.g. the ReadyToRun build in artifacts/valkka); null: the copy beside this program.</summary>
    public string? ValkkaDll { get; init; }
    /// <summary>Busy-loop processes that load the machine for the whole run (<see cref="CpuHogs"/>).</summary>
    public int Hogs { get; init; }
}
