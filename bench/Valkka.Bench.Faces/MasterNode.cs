using System.Diagnostics;
using Akka.Configuration;
using Valkka.Actors.Analysis;
using Valkka.Actors.Masters;
using Valkka.Actors.Node;
using Valkka.Actors.Topology;
using Valkka.Samples.Faces;

namespace Valkka.Bench.Faces;

/// <summary>
/// The master's own process (started by the benchmark as a child): an ActorSystem on the given
/// port with the face master, configured as a node of the valkka program (NodeConfig.TolerantFailureDetector). On stdin "stats" it prints "bench: netCpuMs analyzerCpuMs processCpuMs"; "quit" ends it.
/// Its process CPU time is the net plus everything the framework does around it.
/// </summary>
public static class MasterNode
{
    public static async Task<int> Run(int port, string mode, int maxBatch)
    {
        var config = ConfigurationFactory.ParseString("akka.loglevel = WARNING")
            .WithFallback(NodeConfig.TolerantFailureDetector).WithFallback(NodeConfig.Create("127.0.0.1", port, [typeof(FaceDetectionResult).Assembly]));
        var system = ValkkaNode.Start(config);
        // mode "null": no net at all, to see what the framework alone costs per frame.
        var analyzer = mode == "null" ? null
            : new FaceDetectionBatchAnalyzer(AnalyzerSettings.Parse($"batch-mode = {mode}, max-batch = {maxBatch}"));
        var timed = new CpuTimedAnalyzer(analyzer ?? (IBatchAnalyzer)new NullFaceAnalyzer());
        system.ActorOf(MasterActor.Props(new MasterSettings("faces", "", Config.Empty, maxBatch, TimeSpan.FromMilliseconds(10),
            MaxInFlightPerClient: maxBatch), () => timed), ActorPaths.MasterName("faces"));
        Console.WriteLine("bench: ready");
        string? line;
        while ((line = Console.ReadLine()) != null && line != "quit")
        {
            if (line == "stats")
                Console.WriteLine(FormattableString.Invariant(
                    $"bench: {analyzer?.NetCpuMilliseconds ?? 0} {timed.CpuMs} {Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds}"));
        }
        await system.Terminate();
        return 0;
    }
}
