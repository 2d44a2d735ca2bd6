using System.CommandLine;

namespace Valkka.Nodes.Cli;

public static class CommonOptions
{
    public static Option<string[]> Ports() => new("--port")
    {
        Description = "use PORT for node NODE instead of the file's port (NODE=PORT, repeatable)",
        AllowMultipleArgumentsPerToken = false,
    };

    public static Option<string[]> MetricsPorts() => new("--metrics-port")
    {
        Description = "serve node NODE's metrics on PORT instead of the port key metrics gives it (NODE=PORT, repeatable)",
        AllowMultipleArgumentsPerToken = false,
    };
}
