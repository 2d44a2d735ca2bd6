using System.Globalization;

namespace Valkka.Chaos.Soak;

/// <summary>What /proc says of one process now: resident memory, open file descriptors, threads.</summary>
public sealed record ProcessSample(long RssBytes, int OpenFds, int Threads)
{
    public static ProcessSample? Read(int pid)
    {
        try
        {
            long rss = 0;
            var threads = 0;
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) rss = 1024 * Number(line);
                else if (line.StartsWith("Threads:", StringComparison.Ordinal)) threads = (int)Number(line);
            }
            var fds = Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd").Count();
            return new ProcessSample(rss, fds, threads);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // gone (or restarting) between two samples
        }
    }

    // "VmRSS:\t  123456 kB" -> 123456
    private static long Number(string line) =>
        long.Parse(line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}
