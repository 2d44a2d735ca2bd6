using System.Net;
using System.Net.Sockets;

namespace Valkka.Actors.Topology;

/// <summary>What to check beyond the file itself.</summary>
public sealed record ValidationScope
{
    /// <summary>The nodes that are about to start here (null = all): only their ports, analyzers and rings are checked.</summary>
    public IReadOnlyCollection<string>? Nodes { get; init; }
    public bool CheckPorts { get; init; } = true;
    public bool CheckAnalyzers { get; init; } = true;
    public bool CheckShmSpace { get; init; } = true;
    /// <summary>The TLS certificates and the web server's token file are there, readable and trusted.</summary>
    public bool CheckCertificates { get; init; } = true;
    public string ShmDirectory { get; init; } = "/dev/shm";

    public static ValidationScope All { get; } = new();

    /// <summary>Only what the file says: nothing of this machine is looked at.</summary>
    public static ValidationScope FileOnly { get; } =
        new() { CheckPorts = false, CheckAnalyzers = false, CheckShmSpace = false, CheckCertificates = false };
}
