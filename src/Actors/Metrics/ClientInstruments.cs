using System.Diagnostics;

namespace Valkka.Actors.Metrics;

/// <summary>One client's histograms: analyzer time and commit-to-analyzed latency per camera. Used from the client's actor only.</summary>
public sealed class ClientInstruments
{
    private readonly ValkkaInstruments _instruments;
    private readonly KeyValuePair<string, object?> _node;
    private readonly KeyValuePair<string, object?> _client;
    private readonly Dictionary<string, KeyValuePair<string, object?>> _cameras = new(StringComparer.Ordinal);

    internal ClientInstruments(ValkkaInstruments instruments, string node, string clientId)
    {
        _instruments = instruments;
        _node = new("node", node);
        _client = new("client", clientId);
    }

    /// <summary>A frame of cameraId was analyzed: it took analyzeSeconds, and latencySeconds passed from its commit to the end of the analysis.</summary>
    internal void Analyzed(string cameraId, double analyzeSeconds, double latencySeconds)
    {
        if (!_cameras.TryGetValue(cameraId, out var camera)) _cameras[cameraId] = camera = new("camera", cameraId);
        var tags = new TagList { _node, _client, camera };
        _instruments.ClientAnalyze.Record(analyzeSeconds, tags);
        _instruments.ClientLatency.Record(Math.Max(0, latencySeconds), tags);
    }
}
