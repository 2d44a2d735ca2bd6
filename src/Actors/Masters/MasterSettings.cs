using Akka.Configuration;
using Valkka.Actors.Hosting;

namespace Valkka.Actors.Masters;

/// <summary>A master: one batch analyzer shared by its clients.</summary>
public sealed record MasterSettings(string MasterId, string AnalyzerType, Config AnalyzerSettings,
    int MaxBatchSize, TimeSpan MaxWait, int MaxInFlightPerClient = 1)
{
    /// <summary>Where the queues of same-host clients are read and the batch deadline kept (see <see cref="RingSourceHosting"/>).</summary>
    public RingSourceHosting RingSources { get; init; } = RingSourceHosting.ActorThread;

    /// <summary>Where the master records batch sizes, queue waits and analyzer time (null: nowhere).</summary>
    public Metrics.MasterInstruments? Instruments { get; init; }
}
