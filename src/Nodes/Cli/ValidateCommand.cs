using System.CommandLine;
using Valkka.Actors.Topology;

namespace Valkka.Nodes.Cli;

/// <summary>`valkka validate FILE`: every error of the file at once, exit code 2 if any.</summary>
public static class ValidateCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "the topology file (HOCON)" };
        var ports = CommonOptions.Ports();
        var command = new Command("validate", "Check a topology file: keys, references, ports, analyzer types, room in /dev/shm") { file, ports };
        command.SetAction(result =>
        {
            if (!PortOverrides.TryParse(result.GetValue(ports) ?? [], out var overrides, out var error))
            {
                Console.Error.WriteLine(error);
                return ExitCodes.InvalidTopology;
            }
            var path = result.GetValue(file)!;
            // Ports, analyzers, certificates and room in /dev/shm are checked for this machine's nodes only.
            var local = RunCommand.LocalNodeNames(path);
            var topology = TopologyFile.Load(path, new ValidationScope { Nodes = local }, overrides);
            if (topology is null) return ExitCodes.InvalidTopology;
            var elsewhere = topology.Nodes.Where(n => local is not null && !local.Contains(n.Name)).Select(n => $"{n.Name} ({n.Host}:{n.Port})").ToList();
            if (elsewhere.Count > 0)
                Console.WriteLine($"{path}: nodes on other machines (not checked here): {string.Join(", ", elsewhere)}");
            Console.WriteLine($"{path}: OK: topology {topology.Name}, {topology.Nodes.Count} nodes, {topology.Cameras.Count} cameras, " +
                              $"{topology.Clients.Count} clients, {topology.Masters.Count} masters; rings need " +
                              $"{RingSpace.Format(topology.Cameras.Sum(RingSpace.BytesFor))} in /dev/shm");
            return ExitCodes.Success;
        });
        return command;
    }
}
