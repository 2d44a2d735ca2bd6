using System.Globalization;
using Valkka.Samples.Faces;

namespace Valkka.Bench.Faces;

/// <summary>
/// What a restarted face master does to the process, outside the framework: each round makes the batch-1
/// BlazeFace session on a thread of its own (a restarted master's analyzer thread), runs it a few times and
/// disposes it, as the master's PostStop does. Prints resident memory every <c>every</c> rounds. Run it with
/// and without MALLOC_ARENA_MAX to see whose memory it is (docs/RELIABILITY.md, "What grows").
/// </summary>
public static class SessionChurn
{
    private const int RunsPerSession = 20;

    public static int Run(int rounds, int every)
    {
        var model = BlazeFaceModel.Locate();
        Console.WriteLine($"BlazeFace front-128 sessions made, run {RunsPerSession} times and disposed, each on a new thread; " +
                          $"MALLOC_ARENA_MAX={Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX") ?? "(glibc default: 8 x cores)"}");
        Console.WriteLine($"{"sessions",8} {"RSS (MiB)",10} {"GC heap (MiB)",14}");
        Print(0);
        for (var round = 1; round <= rounds; round++)
        {
            var thread = new Thread(() => OneSession(model)) { Name = "session-churn" };
            thread.Start();
            thread.Join();
            if (round % every == 0) Print(round);
        }
        return 0;
    }

    private static void OneSession(string model)
    {
        using var net = new BlazeFaceNet(model);
        var input = new float[net.InputFloats];
        for (var i = 0; i < RunsPerSession; i++) net.Run(input, 1);
    }

    private static void Print(int sessions)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{sessions,8} {self.WorkingSet64 / 1048576.0,10:0.0} {GC.GetGCMemoryInfo().HeapSizeBytes / 1048576.0,14:0.0}"));
    }
}
