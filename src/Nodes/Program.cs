using System.CommandLine;
using Valkka.Nodes.Cli;

var root = new RootCommand("valkka: run video-analytics topologies of cameras, clients and masters (Valkka.Actors)")
{
    ValidateCommand.Create(),
    RunCommand.Create(),
    ApplyCommand.Create(),
    StatusCommand.Create(),
    NodeCommand.Create(),
    CleanCommand.Create(),
    CertCommand.Create(),
};
// Signals are handled by the commands themselves (clean shutdown can take longer than the
// library's default grace period before it forces an exit).
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
