using System.Globalization;

namespace Valkka.Bench.AkkaCache;

/// <summary>Settings of one run; see <see cref="Usage"/>.</summary>
public sealed record CacheOptions
{
    public const string Usage = """
        Valkka.Bench.AkkaCache [--dispatcher pool|dedicated|both] [--threads 2] [--rounds 12000] [--parallel 4]
                               [--pings 4] [--payload 4096] [--pool-threads 14] [--busy 2] [--report-every 1000]
          --dispatcher   pool: Akka.Remote's default (the .NET thread pool); dedicated: remoting on a
                         fork-join dispatcher of --threads threads of its own; both: one child process each, in turn
          --rounds       workers made on the receiving system, each pinged --pings times from a new client
                         on the sending system, then stopped (a new incarnation each round)
          --parallel     rounds in flight at once
          --payload      bytes in each worker's Props (so a stopped worker's cell that stays is visible)
          --pool-threads thread-pool workers started (and kept) before the run, as a valkka node does
          --busy         tasks that keep waking pool workers, as a node's other actors do
        """;

    public string Dispatcher { get; init; } = "both";
    public int Threads { get; init; } = 2;
    public int Rounds { get; init; } = 12000;
    public int Parallel { get; init; } = 4;
    public int Pings { get; init; } = 4;
    public int Payload { get; init; } = 4096;
    public int PoolThreads { get; init; } = 14;
    public int Busy { get; init; } = 2;
    public int ReportEvery { get; init; } = 1000;

    public static CacheOptions Parse(IReadOnlyList<string> args)
    {
        var o = new CacheOptions();
        for (int i = 0; i < args.Count; i++)
        {
            string value = i + 1 < args.Count ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
            int Int() => int.Parse(value, CultureInfo.InvariantCulture);
            o = args[i] switch
            {
                "--dispatcher" => o with { Dispatcher = value is "pool" or "dedicated" or "both" ? value : throw new ArgumentException("--dispatcher pool|dedicated|both") },
                "--threads" => o with { Threads = Int() },
                "--rounds" => o with { Rounds = Int() },
                "--parallel" => o with { Parallel = Int() },
                "--pings" => o with { Pings = Int() },
                "--payload" => o with { Payload = Int() },
                "--pool-threads" => o with { PoolThreads = Int() },
                "--busy" => o with { Busy = Int() },
                "--report-every" => o with { ReportEvery = Int() },
                _ => throw new ArgumentException($"unknown option {args[i]}\n{Usage}"),
            };
            i++;
        }
        return o;
    }

    /// <summary>The same settings as arguments, for a child process of one dispatcher.</summary>
    public IEnumerable<string> ToArgs(string dispatcher) =>
    [
        "--dispatcher", dispatcher, "--threads", Str(Threads), "--rounds", Str(Rounds), "--parallel", Str(Parallel),
        "--pings", Str(Pings), "--payload", Str(Payload), "--pool-threads", Str(PoolThreads), "--busy", Str(Busy),
        "--report-every", Str(ReportEvery),
    ];

    private static string Str(int v) => v.ToString(CultureInfo.InvariantCulture);
}
