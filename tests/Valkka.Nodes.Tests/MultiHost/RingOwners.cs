using Valkka.TestSupport.Hosts;

namespace Valkka.Nodes.Tests.MultiHost;

/// <summary>
/// Samples every host's /dev/shm every 300 ms while it runs: a camera's ring (<c>.cam-ID</c>) in two hosts' /dev/shm at once
/// means two owners. Keeps each such sighting, and per host and camera the last time its ring was seen.
/// </summary>
public sealed class RingOwners : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampler;
    private readonly List<string> _twice = [];
    private readonly Dictionary<(string Host, string Camera), DateTime> _lastSeen = [];

    public RingOwners(IReadOnlyList<TestHost> hosts, IReadOnlyList<string> cameras) => _sampler = Task.Run(async () =>
    {
        while (!_stop.IsCancellationRequested)
        {
            var rings = hosts.Select(h => (Host: h.Name, Files: h.SharedMemoryFiles())).ToList();
            var now = DateTime.UtcNow;
            lock (_twice)
            {
                foreach (var id in cameras)
                {
                    var owners = rings.Where(r => r.Files.Any(f => f.EndsWith($".cam-{id}", StringComparison.Ordinal))).Select(r => r.Host).ToList();
                    foreach (var host in owners) _lastSeen[(host, id)] = now;
                    if (owners.Count > 1) _twice.Add($"{now:HH:mm:ss.fff} {id} on {string.Join(" and ", owners)}");
                }
            }
            await Task.Delay(300);
        }
    });

    /// <summary>Every sighting of a camera's ring on two hosts so far.</summary>
    public IReadOnlyList<string> Twice
    {
        get { lock (_twice) return [.. _twice]; }
    }

    /// <summary>When the camera's ring was last seen in the host's /dev/shm (null: never).</summary>
    public DateTime? LastSeen(string host, string camera)
    {
        lock (_twice) return _lastSeen.TryGetValue((host, camera), out var at) ? at : null;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampler;
        _stop.Dispose();
    }
}
