namespace Valkka.Nodes.Cli;

public static class ExitCodes
{
    public const int Success = 0;
    public const int RuntimeFailure = 1;
    public const int InvalidTopology = 2;
}
