using System.CommandLine;
using Valkka.Chaos;
using Valkka.Chaos.Soak;

var root = new RootCommand("valkka-chaos (./valkka chaos|soak): faults injected into a running topology, and the long soak")
{
    ChaosCommand.Create(),
    SoakCommand.Create(),
};
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
