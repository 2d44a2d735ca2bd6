using Akka.Configuration;
using Valkka.Actors.Hosting;

namespace Valkka.Actors.Masters;

/// <summary>A master: one batch analyzer shared by its clients.</summary>
public sealed record MasterSettings(string MasterId, string AnalyzerType, Config AnalyzerSettings,
    int MaxBatchSize, TimeSpan MaxWait, int MaxInFlightPerClient = 1)
{
    /// <summary>Where the queues of same-host clients are read and the batch deadline kept (see <see cref="RingSourceHosting"/>).</summary>
    public RingSourceHosting RingSources { get; init; } = RingSourceHosting.ActorThread;
}
