using Valkka.TestSupport.Hosts;

namespace Valkka.Nodes.Tests.Support;

/// <summary>
/// Samples the watched hosts' /dev/shm every 300 ms while it runs: a camera's ring (<c>.cam-ID</c>) in two hosts' /dev/shm
/// at once (seen on one host before and after the other's listing saw it) means two owners; with relaysOn given, a relay ring (<c>.relay-ID</c>) on any host not in it is a relay where none
/// should run. Keeps each such sighting, and per host and camera the last time its ring was seen. A host whose node was
/// killed is left out (<see cref="Unwatch"/>) until its node runs again (<see cref="Watch"/>): a killed node's rings stay
/// until its next start sweeps them.
/// </summary>
public sealed class RingOwners : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampler;
    private readonly HashSet<TestHost> _watched;
    private readonly Lock _gate = new();
    private readonly List<string> _twice = [];
    private readonly List<string> _strayRelays = [];
    private readonly Dictionary<(string Host, string Camera), DateTime> _lastSeen = [];

    public RingOwners(IReadOnlyList<TestHost> hosts, IReadOnlyList<string> cameras, IReadOnlyCollection<TestHost>? relaysOn = null)
    {
        _watched = [.. hosts];
        _sampler = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                Sample(cameras, relaysOn);
                await Task.Delay(300);
            }
        });
    }

    /// <summary>Every sighting of a camera's ring on two hosts so far.</summary>
    public IReadOnlyList<string> Twice
    {
        get { lock (_gate) return [.. _twice]; }
    }

    /// <summary>Every relay ring seen on a host not in relaysOn so far (none without relaysOn).</summary>
    public IReadOnlyList<string> StrayRelays
    {
        get { lock (_gate) return [.. _strayRelays]; }
    }

    /// <summary>When the camera's ring was last seen in the host's /dev/shm (null: never).</summary>
    public DateTime? LastSeen(string host, string camera)
    {
        lock (_gate) return _lastSeen.TryGetValue((host, camera), out var at) ? at : null;
    }

    /// <summary>Leaves the host out of the samples (its node was killed).</summary>
    public void Unwatch(TestHost host)
    {
        lock (_gate) _watched.Remove(host);
    }

    /// <summary>Takes the host into the samples again (its node runs again).</summary>
    public void Watch(TestHost host)
    {
        lock (_gate) _watched.Add(host);
    }

    /// <summary>The cameras whose ring is in more than one of the hosts' /dev/shm now.</summary>
    public static IReadOnlyList<string> OnTwoHostsNow(IEnumerable<TestHost> hosts, IEnumerable<string> cameras)
    {
        var rings = hosts.Select(h => (Host: h.Name, Files: h.SharedMemoryFiles())).ToList();
        return cameras.Where(id => Owners(rings, id).Count > 1).ToList();
    }

    private void Sample(IReadOnlyList<string> cameras, IReadOnlyCollection<TestHost>? relaysOn)
    {
        TestHost[] hosts;
        lock (_gate) hosts = [.. _watched];
        // Each listing takes a while (a process in the host's namespaces; hundreds of ms on a loaded machine), so a ring
        // that moved from one host to another between two listings would be in both. Every host but the last is listed
        // again after the others: a ring seen on a host before and after another host's listing saw it was there while
        // that one's was (PlacementTests saw A's and B's rings "at once" when A had unlinked it before B started it).
        var rings = hosts.Select(h => (Host: h.Name, Files: h.SharedMemoryFiles())).ToList();
        var again = hosts.SkipLast(1).Select(h => (Host: h.Name, Files: h.SharedMemoryFiles())).ToList();
        var now = DateTime.UtcNow;
        lock (_gate)
        {
            foreach (var id in cameras)
            {
                foreach (var host in Owners(rings, id).Concat(Owners(again, id))) _lastSeen[(host, id)] = now;
                var together = Together(rings, again, id);
                if (together.Count > 1) _twice.Add($"{now:HH:mm:ss.fff} {id} on {string.Join(" and ", together)}");
            }
            if (relaysOn is null) return;
            foreach (var (host, files) in rings.Where(r => relaysOn.All(h => h.Name != r.Host)))
                foreach (var file in files.Where(f => f.Contains(".relay-", StringComparison.Ordinal)))
                    _strayRelays.Add($"{now:HH:mm:ss.fff} relay ring {file} on host {host}");
        }
    }

    // The hosts whose ring of the camera existed at one time: i before j in the listings, seen on j and on i both before
    // and after j's listing.
    private static List<string> Together(List<(string Host, IReadOnlyList<string> Files)> first, List<(string Host, IReadOnlyList<string> Files)> again,
        string camera)
    {
        bool Has((string Host, IReadOnlyList<string> Files) listing) => listing.Files.Any(f => f.EndsWith($".cam-{camera}", StringComparison.Ordinal));
        var hosts = new List<string>();
        for (var i = 0; i < again.Count; i++)
            for (var j = i + 1; j < first.Count; j++)
                if (Has(first[i]) && Has(first[j]) && Has(again[i]))
                    foreach (var host in new[] { first[i].Host, first[j].Host }.Where(h => !hosts.Contains(h))) hosts.Add(host);
        return hosts;
    }

    private static List<string> Owners(IEnumerable<(string Host, IReadOnlyList<string> Files)> rings, string camera) =>
        rings.Where(r => r.Files.Any(f => f.EndsWith($".cam-{camera}", StringComparison.Ordinal))).Select(r => r.Host).ToList();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampler;
        _stop.Dispose();
    }
}
