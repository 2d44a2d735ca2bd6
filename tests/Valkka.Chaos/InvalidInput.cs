namespace Valkka.Chaos;

/// <summary>Runs a command's work; bad input (an ArgumentException naming the problem) is printed and exits with 2.</summary>
public static class InvalidInput
{
    public const int ExitCode = 2;

    public static async Task<int> ExitCodeAsync(Func<Task<int>> run)
    {
        try
        {
            return await run();
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            return ExitCode;
        }
    }
}
