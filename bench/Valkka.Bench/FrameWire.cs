using Akka.Actor;
using Akka.Configuration;
using Valkka.Actors.Analysis;
using Valkka.Actors.Analysis.Loading;
using Valkka.Actors.Cameras;
using Valkka.Actors.Clients;
using Valkka.Actors.Masters;
using Valkka.Actors.Messages;
using Valkka.Actors.Node;
using Valkka.Actors.Topology;

namespace Valkka.Bench;

/// <summary>The framework's node configuration (Hyperion with the allowlist) for benchmark nodes.</summary>
public static class FrameWire
{
    public const string SystemName = NodeConfig.SystemName;

    /// <summary>Set by <c>--watch-pause-ms</c> for the peers: a longer acceptable heartbeat pause than NodeConfig's.</summary>
    public const string WatchPauseVariable = "VALKKA_BENCH_WATCH_PAUSE_MS";

    /// <summary>
    /// Set to "pool" for a measurement's nodes (<see cref="OnPoolRemoting{T}"/>): remoting on Akka's default
    /// dispatcher, the thread pool, instead of NodeConfig's threads of its own (docs/RELIABILITY.md, the caches).
    /// </summary>
    public const string RemoteDispatcherVariable = "VALKKA_BENCH_REMOTE_DISPATCHER";

    private static readonly Config PoolRemoting =
        ConfigurationFactory.ParseString("akka.remote.default-remote-dispatcher.executor = default-executor");

    /// <summary>Runs a measurement whose nodes (this process's and the peers it starts) put remoting on the thread pool.</summary>
    public static T OnPoolRemoting<T>(Func<T> run)
    {
        Environment.SetEnvironmentVariable(RemoteDispatcherVariable, "pool");
        try
        {
            return run();
        }
        finally
        {
            Environment.SetEnvironmentVariable(RemoteDispatcherVariable, null);
        }
    }

    public static Config Config()
    {
        if (Environment.GetEnvironmentVariable(RemoteDispatcherVariable) == "pool") return PoolRemoting.WithFallback(NodeOrPause());
        return NodeOrPause();
    }

    private static Config NodeOrPause()
    {
        // The failure detector of a `valkka node` (3 s acceptable pause), not NodeConfig's 500 ms, which
        // quarantines live nodes on a starved host. --watch-pause-ms sets another pause.
        var node = NodeConfig.TolerantFailureDetector.WithFallback(
            NodeConfig.Create("127.0.0.1", 0, [typeof(FrameWire).Assembly, SampleAnalyzers()]));
        if (Environment.GetEnvironmentVariable(WatchPauseVariable) is { Length: > 0 } ms && int.Parse(ms) > 0)
            return ConfigurationFactory.ParseString($"akka.remote.watch-failure-detector.acceptable-heartbeat-pause = {int.Parse(ms)}ms").WithFallback(node);
        return node;
    }

    /// <summary>The samples' assembly, found by type name like any analyzer: its results travel between the peers.</summary>
    private static System.Reflection.Assembly SampleAnalyzers() =>
        AnalyzerTypeLoader.TryLoad(BatchingBenchmark.HeavyAnalyzer, typeof(IBatchAnalyzer), out var problem)?.Assembly
        ?? throw new InvalidOperationException(problem);

    public static string CameraPath(int port, string cameraId) =>
        $"akka.tcp://{SystemName}@127.0.0.1:{port}/user/{ActorPaths.CameraName(cameraId)}";

    public static IActorRef ResolveClient(ActorSystem system, int port, string clientId) =>
        BenchAkka.Resolve(system, port, ActorPaths.ClientName(clientId));
}
