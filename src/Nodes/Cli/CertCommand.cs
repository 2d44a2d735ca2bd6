using System.CommandLine;
using Valkka.Actors.Topology;
using Valkka.Nodes.Security;

namespace Valkka.Nodes.Cli;

/// <summary>`valkka cert FILE`: makes the CA and node certificates the topology's tls section names.</summary>
public static class CertCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "the topology (HOCON) file; its tls { ca, certificates } says where the files go" };
        var days = new Option<int>("--days") { Description = "how long node certificates are valid", DefaultValueFactory = _ => 825 };
        var renew = new Option<bool>("--renew") { Description = "make new node certificates even where they exist (the CA is kept)" };
        var command = new Command("cert", "Make a CA and a certificate for each node of a topology and for the launcher's live view (mutual TLS between nodes)") { file, days, renew };
        command.SetAction(result =>
        {
            var path = result.GetValue(file)!;
            var parsed = TopologyLoader.Load(path, ValidationScope.FileOnly);
            if (parsed.Topology is not { } topology)
            {
                foreach (var error in parsed.Errors) Console.Error.WriteLine($"{path}: {error}");
                return ExitCodes.InvalidTopology;
            }
            if (topology.Tls is not { } tls)
            {
                Console.Error.WriteLine($"{path}: valkka.tls: missing; add for example\n  tls {{ ca = \"certs/ca.crt\", certificates = \"certs\" }}\nto the valkka section, then run valkka cert again");
                return ExitCodes.InvalidTopology;
            }
            var written = new TopologyCertificates(tls, TimeSpan.FromDays(result.GetValue(days))).Make(topology.Name, TopologyCertificates.WithLauncher(topology.Nodes), result.GetValue(renew));
            foreach (var path1 in written) Console.WriteLine($"wrote {path1}");
            Console.WriteLine(written.Count == 0 ? "every node already has a certificate (--renew makes new ones)" :
                $"copy to each machine the CA certificate and only its own nodes' .crt/.key files (and launcher.crt/.key where `valkka run --web` runs); keep {Path.ChangeExtension(tls.CaFile, ".key")} off the nodes");
            return ExitCodes.Success;
        });
        return command;
    }
}
