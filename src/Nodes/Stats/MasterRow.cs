using Valkka.Actors.Messages;

namespace Valkka.Nodes.Stats;

/// <summary>One master as its node reports it (see <see cref="CameraRow"/>).</summary>
public sealed record MasterRow(string Id,
    [property: Counter("valkka.master.batches", "Batches the master's analyzer ran", Unit = "{batch}")] long Batches,
    [property: Counter("valkka.master.frames", "Frames in the master's batches")] long Frames,
    [property: Counter("valkka.master.results", "Results the master sent back", Unit = "{result}")] long Results,
    double MeanBatchSize, double MeanAnalyzerMs)
{
    /// <summary>When this actor started (Unix ms; 0: not known): a live change restarts an actor inside its node, and its counters start again.</summary>
    public long StartedAtUnixMs { get; init; }

    [Counter("valkka.master.frames.stale", "Requests whose frame was overwritten before the master could lease it")]
    public long Stale { get; init; }

    [Counter("valkka.master.frames.skipped", "Requests replaced by a newer one of the same client while waiting for a batch (latest wins)")]
    public long Skipped { get; init; }

    [Counter("valkka.master.batches.failed", "Batches the master's analyzer could not analyze (it threw, miscounted or timed out): their clients got AnalysisFailed", Unit = "{batch}")]
    public long FailedBatches { get; init; }

    [Counter("valkka.master.frames.failed", "Frames of the batches the master's analyzer could not analyze")]
    public long FailedFrames { get; init; }

    [Counter("valkka.master.frames.skipped_starting", "Requests not taken, and their frames not leased, because the analyzer was not ready: its Python worker starting or restarting")]
    public long SkippedStarting { get; init; }

    /// <summary>What the analyzer waits for while it cannot analyze (its Python worker starting); null: ready.</summary>
    public string? AnalyzerWaiting { get; init; }

    public int Clients { get; init; }

    /// <summary>The host key of the node that runs the master.</summary>
    public string Host { get; init; } = "";

    /// <summary>"placed" (key placement: the cluster chose its node) or "pinned" (key node).</summary>
    public string Placement { get; init; } = "pinned";

    /// <summary>The row of a master's stats and details (null: they came late).</summary>
    public static MasterRow From(MasterStats stats, MasterDetails? details) =>
        new(stats.MasterId, stats.Batches, stats.Frames, stats.Results, stats.MeanBatchSize, stats.MeanAnalyzerMs)
        {
            Stale = details?.Stale ?? 0,
            Skipped = details?.Skipped ?? 0,
            Clients = details?.Clients ?? 0,
            FailedBatches = details?.FailedBatches ?? 0,
            FailedFrames = details?.FailedFrames ?? 0,
            SkippedStarting = details?.SkippedStarting ?? 0,
            AnalyzerWaiting = details?.AnalyzerWaiting,
        };
}
