using System.CommandLine;

namespace Valkka.Nodes.Cli;

public static class CommonOptions
{
    public static Option<string[]> Ports() => new("--port")
    {
        Description = "use PORT for node NODE instead of the file's port (NODE=PORT, repeatable)",
        AllowMultipleArgumentsPerToken = false,
    };
}
