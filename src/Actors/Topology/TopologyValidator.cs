using System.Net;
using System.Net.Sockets;
using Valkka.Actors.Analysis;
using Valkka.Actors.Analysis.Loading;
using Valkka.Actors.Security;

namespace Valkka.Actors.Topology;

/// <summary>
/// The checks of a parsed topology that need this machine: ports already in use, analyzer types
/// that cannot be loaded, and rings that do not fit in /dev/shm.
/// </summary>
public static class TopologyValidator
{
    public static IReadOnlyList<TopologyError> Validate(TopologyDefinition topology, ValidationScope scope)
    {
        var errors = new List<TopologyError>();
        bool Here(string node) => scope.Nodes is null || scope.Nodes.Contains(node);

        if (scope.CheckPorts)
            foreach (var node in topology.Nodes.Where(n => Here(n.Name) && n.Port > 0))
                if (PortProblem(node) is { } problem)
                    errors.Add(new TopologyError($"valkka.nodes.{node.Name}.port", problem));
        errors.AddRange(MetricsKeys.Clashes(topology));
        if (scope.CheckPorts && topology.Metrics is { } metrics)
            foreach (var node in topology.Nodes.Where(n => Here(n.Name)))
                if (PortProblem(new NodeDefinition(node.Name, metrics.Host, topology.MetricsPortOf(node.Name)!.Value)) is { } problem)
                    errors.Add(new TopologyError("valkka.metrics.port", $"metrics of node {node.Name}: {problem}"));

        if (scope.CheckAnalyzers)
        {
            // An empty type name was already reported as missing by the parser.
            foreach (var client in topology.Clients.Where(c => Here(c.Node) && c.Analyzer.TypeName.Length > 0))
                if (AnalyzerProblem(client.Analyzer, typeof(IFrameAnalyzer), $"valkka.clients.{client.Id}.analyzer") is { } error)
                    errors.Add(error);
            foreach (var master in topology.Masters.Where(m => Here(m.Node) && m.Analyzer.TypeName.Length > 0))
                if (AnalyzerProblem(master.Analyzer, typeof(IBatchAnalyzer), $"valkka.masters.{master.Id}.analyzer") is { } error)
                    errors.Add(error);
            foreach (var client in topology.Clients.Where(c => Here(c.Node) && c.Analyzer.Python is not null))
                errors.AddRange(PythonAnalyzerProblems.Find(client.Analyzer.Python!, $"valkka.clients.{client.Id}.analyzer"));
            foreach (var master in topology.Masters.Where(m => Here(m.Node) && m.Analyzer.Python is not null))
                errors.AddRange(PythonAnalyzerProblems.Find(master.Analyzer.Python!, $"valkka.masters.{master.Id}.analyzer", master.AnalyzeTimeout));
        }

        if (scope.CheckCertificates && topology.Tls is { } tls)
            foreach (var node in topology.Nodes.Where(n => Here(n.Name)))
                if (CertificateProblem(tls, node.Name) is { } problem)
                    errors.Add(new TopologyError("valkka.tls", problem));

        if (scope.CheckCertificates && topology.Web is { } web)
            errors.AddRange(WebAccessRules.FileProblems(web, topology.Tls));

        if (scope.CheckShmSpace)
        {
            var cameras = topology.Cameras.Where(c => Here(c.Node)).ToList();
            var needed = cameras.Sum(RingSpace.BytesFor);
            var free = RingSpace.FreeBytes(scope.ShmDirectory);
            if (needed > free)
            {
                var each = string.Join(", ", cameras.Select(c => $"{c.Id}: {c.RingSlots} x {RingSpace.FrameSizeOf(c)}"));
                errors.Add(new TopologyError("valkka.cameras",
                    $"the rings need {RingSpace.Format(needed)} in {scope.ShmDirectory} but only {RingSpace.Format(free)} is free ({each})"));
            }
        }
        return errors;
    }

    /// <summary>Null when the certificate named node (a node, or <see cref="TlsDefinition.Launcher"/>) loads and is trusted; otherwise why not.</summary>
    public static string? CertificateProblem(TlsDefinition tls, string node)
    {
        try
        {
            using var certificates = Security.NodeCertificates.Load(tls, node);
            return null;
        }
        catch (InvalidDataException e)
        {
            return e.Message;
        }
    }

    private static TopologyError? AnalyzerProblem(AnalyzerDefinition analyzer, Type expected, string path)
    {
        if (analyzer.AssemblyFolder is { } folder && !Directory.Exists(folder))
            return new TopologyError(path + ".path", $"folder \"{folder}\" does not exist (is the analyzer's project built?)");
        return AnalyzerTypeLoader.TryLoad(analyzer, expected, out var problem) is null ? new TopologyError(path + ".type", problem!) : null;
    }

    /// <summary>Null when the node's host:port can be bound now; otherwise why not.</summary>
    public static string? PortProblem(NodeDefinition node)
    {
        IPAddress address;
        try
        {
            address = IPAddress.TryParse(node.Host, out var ip) ? ip : Dns.GetHostAddresses(node.Host).First();
        }
        catch (Exception e) when (e is SocketException or InvalidOperationException)
        {
            return $"cannot resolve host \"{node.Host}\"";
        }
        try
        {
            using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(address, node.Port));
            return null;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return $"port {node.Port} on {node.Host} is in use by another process";
        }
        catch (SocketException e)
        {
            return $"cannot bind {node.Host}:{node.Port} ({e.Message})";
        }
    }
}
