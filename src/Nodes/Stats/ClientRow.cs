using Valkka.Actors.Messages;

namespace Valkka.Nodes.Stats;

/// <summary>One client as its node reports it (see <see cref="CameraRow"/>); its frame counters per camera are in PerCamera.</summary>
public sealed record ClientRow(string Id, [property: Counter] long Analyzed, [property: Counter] long Skipped, [property: Counter] long Stale,
    [property: Counter("valkka.client.results", "Results of the client's own analyzer", Unit = "{result}")] long Results, double Fps)
{
    /// <summary>When this actor started (Unix ms; 0: not known): a live change restarts an actor inside its node, and its counters start again.</summary>
    public long StartedAtUnixMs { get; init; }

    /// <summary>
    /// When the client read its counters (Unix ms; 0: not reported). The report's AtUnixMs is taken after
    /// every actor of the node answered, so it can be later by the slowest answer: time rates by this.
    /// </summary>
    public long AtUnixMs { get; init; }

    [Counter("valkka.client.frames.forwarded", "Frames the client forwarded to its master")]
    public long Forwarded { get; init; }

    [Counter("valkka.client.frames.not_sent", "Frames the client forwarded while its master (placed by the cluster) ran nowhere: not sent")]
    public long NotSentToMaster { get; init; }

    /// <summary>Why forwarded frames do not reach the master now (it runs nowhere); null: they do, or there is no master.</summary>
    public string? MasterWaiting { get; init; }

    [Counter("valkka.client.master_results", "Results the client received from its master", Unit = "{result}")]
    public long MasterResults { get; init; }

    /// <summary>Frames announced and left out on purpose: not due at the rate the client asked for.</summary>
    [Counter]
    public long SkippedForRate { get; init; }

    /// <summary>Frames the analyzer failed on (all cameras; per camera and in the metrics: <see cref="ClientCameraRow.Failed"/>).</summary>
    [Counter]
    public long Failed { get; init; }

    /// <summary>Frames skipped while the analyzer was not ready (its Python worker starting); see <see cref="ClientCameraRow.SkippedStarting"/>.</summary>
    [Counter]
    public long SkippedStarting { get; init; }

    /// <summary>What the analyzer waits for while it cannot analyze (its Python worker starting); null: ready.</summary>
    public string? AnalyzerWaiting { get; init; }

    public IReadOnlyList<ClientCameraRow> PerCamera { get; init; } = [];

    /// <summary>The host key of the node that runs the client.</summary>
    public string Host { get; init; } = "";

    /// <summary>"with-camera" (key placement: it runs where the cluster placed its camera) or "pinned" (key node).</summary>
    public string Placement { get; init; } = "pinned";

    /// <summary>The row of a client's stats and details (null: they came late).</summary>
    public static ClientRow From(ClientStats stats, ClientDetails? details) =>
        new(stats.ClientId, stats.Analyzed, stats.Skipped, stats.Stale, stats.Results, stats.Fps)
        {
            AtUnixMs = stats.AtUnixMs,
            Forwarded = details?.Forwarded ?? 0,
            MasterResults = details?.MasterResults ?? 0,
            NotSentToMaster = details?.NotSentToMaster ?? 0,
            MasterWaiting = details?.MasterWaiting,
            SkippedForRate = stats.SkippedForRate,
            Failed = details?.Cameras.Sum(c => c.Failed) ?? 0,
            SkippedStarting = details?.Cameras.Sum(c => c.SkippedStarting) ?? 0,
            AnalyzerWaiting = details?.AnalyzerWaiting,
            PerCamera = details?.Cameras.Select(c => new ClientCameraRow(c.CameraId, c.Attached, c.Analyzed, c.Skipped, c.Stale,
                c.SkippedForRate, FiniteFps.Of(c.WantedFps)) { Failed = c.Failed, SkippedStarting = c.SkippedStarting }).ToList() ?? [],
        };
}
