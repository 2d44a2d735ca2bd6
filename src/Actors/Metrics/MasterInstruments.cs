using System.Diagnostics;

namespace Valkka.Actors.Metrics;

/// <summary>One master's histograms: batch size, queue wait and analyzer time. Used from the master's actor only.</summary>
public sealed class MasterInstruments
{
    private readonly ValkkaInstruments _instruments;
    private readonly TagList _tags;

    internal MasterInstruments(ValkkaInstruments instruments, string node, string masterId)
    {
        _instruments = instruments;
        _tags = new TagList { { "node", node }, { "master", masterId } };
    }

    /// <summary>A request waited waitSeconds in the queue before its batch ran.</summary>
    internal void Waited(double waitSeconds) => _instruments.MasterQueueWait.Record(waitSeconds, _tags);

    /// <summary>A batch of size frames ran; the analyzer took analyzeSeconds.</summary>
    internal void Ran(int size, double analyzeSeconds)
    {
        _instruments.MasterBatchSize.Record(size, _tags);
        _instruments.MasterAnalyze.Record(analyzeSeconds, _tags);
    }
}
