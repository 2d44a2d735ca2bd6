using System.Diagnostics;

namespace Valkka.Bench;

/// <summary>
/// A link blip of <c>valkka bench failover</c>: a host's link cut for <see cref="Cut"/> while its node runs, then back; 15 s
/// later, which members any node saw removed (a false downing), how often a member was seen unreachable, and how many
/// placed cameras the cut host stopped (its minority fence) and started again.
/// </summary>
public sealed record FailoverBlip(string Host, double CutSeconds, IReadOnlyList<string> Downed, int Unreachable, int Restarted)
{
    public static readonly TimeSpan Cut = TimeSpan.FromSeconds(5);

    public static async Task<FailoverBlip> Run(FailoverHosts hosts, int host)
    {
        var before = Enumerable.Range(0, hosts.Count).Select(h => hosts.Node(h).Lines.Count).ToArray();
        var clock = Stopwatch.StartNew();
        hosts.Hosts[host].CutLink();
        await Task.Delay(Cut);   // the fault's length
        hosts.Hosts[host].RestoreLink();
        var cut = clock.Elapsed.TotalSeconds;
        await Task.Delay(TimeSpan.FromSeconds(15));   // longer than the downing time after the link's return: time to see a downing
        var lines = Enumerable.Range(0, hosts.Count).SelectMany(h => hosts.Node(h).Lines.Skip(before[h])).ToList();
        var downed = Enumerable.Range(0, hosts.Count).Where(h => lines.Any(l => l.Contains($"{hosts.AddressTail(h)} was removed", StringComparison.Ordinal)))
            .Select(h => hosts.Hosts[h].Name).ToList();
        return new FailoverBlip(hosts.Hosts[host].Name, cut, downed,
            lines.Count(l => l.Contains(" is unreachable", StringComparison.Ordinal)),
            lines.Count(l => l.Contains("stopped on node", StringComparison.Ordinal) && l.Contains("minority", StringComparison.Ordinal)));
    }
}
