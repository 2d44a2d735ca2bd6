using Akka.Configuration;

namespace Valkka.Actors.Masters;

/// <summary>A master: one batch analyzer shared by its clients.</summary>
public sealed record MasterSettings(string MasterId, string AnalyzerType, Config AnalyzerSettings,
    int MaxBatchSize, TimeSpan MaxWait, int MaxInFlightPerClient = 1);
