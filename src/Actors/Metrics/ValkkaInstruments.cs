using System.Diagnostics.Metrics;

namespace Valkka.Actors.Metrics;

/// <summary>
/// The distributions the actors record as they work (System.Diagnostics.Metrics histograms): how long
/// a client's analyzer takes, how long from a frame's commit until a client analyzed it, a master's batch sizes,
/// queue waits and analyzer time. One per process, on the meter it is given (named
/// <see cref="MeterName"/>); counters that already exist are exported by observable instruments
/// reading the actors' stats instead (Valkka.Nodes). A process with no listener pays almost nothing.
/// </summary>
public sealed class ValkkaInstruments
{
    /// <summary>The name of the meter every valkka instrument is created on.</summary>
    public const string MeterName = "Valkka";

    private static readonly double[] SecondsBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
    private static readonly double[] LatencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56];
    private static readonly double[] BatchBuckets = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024];

    public ValkkaInstruments(Meter meter)
    {
        ArgumentNullException.ThrowIfNull(meter);
        Meter = meter;
        ClientAnalyze = Seconds("valkka.client.analyze.duration", "Time a client's analyzer took on one frame", SecondsBuckets);
        ClientLatency = Seconds("valkka.client.frame.latency",
            "Commit-to-analyzed latency: from a frame's commit to its ring on the client's host to the end of the client's analysis", LatencyBuckets);
        MasterBatchSize = meter.CreateHistogram("valkka.master.batch.size", "{frame}", "Frames in each batch a master ran", null,
            new InstrumentAdvice<double> { HistogramBucketBoundaries = BatchBuckets });
        MasterQueueWait = Seconds("valkka.master.queue.wait", "Time a request waited in a master's queue before its batch ran", SecondsBuckets);
        MasterAnalyze = Seconds("valkka.master.analyze.duration", "Time a master's batch analyzer took on one batch", SecondsBuckets);
    }

    public Meter Meter { get; }
    internal Histogram<double> ClientAnalyze { get; }
    internal Histogram<double> ClientLatency { get; }
    internal Histogram<double> MasterBatchSize { get; }
    internal Histogram<double> MasterQueueWait { get; }
    internal Histogram<double> MasterAnalyze { get; }

    /// <summary>The instruments of client clientId on node (the labels node, client and, per frame, camera).</summary>
    public ClientInstruments ForClient(string node, string clientId) => new(this, node, clientId);

    /// <summary>The instruments of master masterId on node (the labels node and master).</summary>
    public MasterInstruments ForMaster(string node, string masterId) => new(this, node, masterId);

    private Histogram<double> Seconds(string name, string description, double[] buckets) =>
        Meter.CreateHistogram(name, "s", description, null, new InstrumentAdvice<double> { HistogramBucketBoundaries = buckets });
}
