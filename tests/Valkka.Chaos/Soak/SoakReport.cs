using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Valkka.Chaos.Soak;

/// <summary>
/// The soak's samples, and per node the growth of each measure after the warm-up: the last sample
/// against the first, the trend of every sample (<see cref="GrowthTrend"/>) and the growth of its
/// peaks (<see cref="PeakGrowth"/>).
/// </summary>
public sealed class SoakReport(string topology, TimeSpan warmup)
{
    private readonly TimeSpan _warmup = warmup;
    private TimeSpan _from = warmup;

    /// <summary>
    /// Growth counts from the later of the warm-up and this moment: with churn, the end of the first round of every
    /// churn step (a part's first restart does once what later ones reuse, e.g. a client node's first new channel).
    /// </summary>
    public void CountFromAtLeast(TimeSpan moment)
    {
        if (moment > _from) _from = moment;
    }

    private static readonly (string Name, Func<SoakSample, double> Value)[] Measures =
    [
        ("rss", s => s.RssBytes), ("fds", s => s.OpenFds), ("threads", s => s.Threads),
        ("gcHeap", s => s.GcHeapBytes), ("shm", s => s.ShmBytes),
    ];

    private readonly List<SoakSample> _samples = [];

    public IReadOnlyList<SoakSample> Samples => _samples;
    public int Restarts { get; set; }
    public IReadOnlyDictionary<ChurnKind, int> Churn { get; private set; } = new Dictionary<ChurnKind, int>();
    public IReadOnlyList<string> ChurnProblems { get; private set; } = [];

    public void SetChurn(IReadOnlyDictionary<ChurnKind, int> done, IReadOnlyList<string> problems) =>
        (Churn, ChurnProblems) = (new Dictionary<ChurnKind, int>(done), problems.ToList());

    public void Add(SoakSample sample) => _samples.Add(sample);

    public static string Row(SoakSample s) =>
        $"{s.At:hh\\:mm\\:ss} {s.Node,-10} pid {s.Pid,-7} rss {Mb(s.RssBytes),8} fds {s.OpenFds,4} threads {s.Threads,3} gc-heap {Mb(s.GcHeapBytes),8} shm {Mb(s.ShmBytes),8} threads-started {s.ThreadsStarted.Values.Sum(),3}";

    private static string Mb(long bytes) => $"{bytes / 1048576.0:0.0}M";

    /// <summary>Per node and measure: the last sample after the warm-up against the first, in percent (null: too few samples).</summary>
    public IReadOnlyDictionary<string, Dictionary<string, double?>> Growth() =>
        AfterWarmup(values => values.Count < 2 || values[0] <= 0 ? null : Math.Round(100 * (values[^1] - values[0]) / values[0], 1));

    /// <summary>Per node and measure: the least-squares growth of every sample after the warm-up, in percent.</summary>
    public IReadOnlyDictionary<string, Dictionary<string, double?>> Trend() =>
        AfterWarmup((after, m) => GrowthTrend.Percent(after.Select(s => (s.At.TotalSeconds, m(s))).ToList()));

    /// <summary>Per node and measure: the peaks of the last fifth after the warm-up against those of the first (<see cref="PeakGrowth"/>).</summary>
    public IReadOnlyDictionary<string, Dictionary<string, double?>> Peaks() => AfterWarmup(PeakGrowth.Percent);

    /// <summary>Per node and measure: the lowest values of the last fifth after the warm-up against those of the first.</summary>
    public IReadOnlyDictionary<string, Dictionary<string, double?>> Troughs() => AfterWarmup(PeakGrowth.TroughPercent);

    private IReadOnlyDictionary<string, Dictionary<string, double?>> AfterWarmup(Func<IReadOnlyList<double>, double?> figure) =>
        AfterWarmup((after, m) => figure(after.Select(m).ToList()));

    /// <summary>Groups the samples by node, keeps those after the warm-up and gives each measure's figure of them.</summary>
    private IReadOnlyDictionary<string, Dictionary<string, double?>> AfterWarmup(Func<List<SoakSample>, Func<SoakSample, double>, double?> figure) =>
        _samples.GroupBy(s => s.Node).ToDictionary(g => g.Key, g =>
        {
            var after = g.Where(s => s.At >= _from).ToList();
            return Measures.ToDictionary(m => m.Name, m => figure(after, m.Value));
        });

    public string Table()
    {
        var text = new StringBuilder($"soak of {topology}: growth after the first {_from.TotalMinutes:0.#} min, restarts {Restarts}\n");
        if (Churn.Count > 0)
            text.AppendLine("churn: " + string.Join(", ", Churn.Select(kv => $"{kv.Key} {kv.Value}")) + $"; problems {ChurnProblems.Count}")
                .Append(string.Concat(ChurnProblems.Select(p => $"  {p}\n")));
        AppendGrowth(text, "last sample vs first after the warm-up", Growth());
        AppendGrowth(text, "trend (least-squares line through every sample after the warm-up)", Trend());
        AppendGrowth(text, "peaks (highest of the last fifth after the warm-up vs highest of the first fifth)", Peaks());
        AppendGrowth(text, "troughs (lowest of the last fifth after the warm-up vs lowest of the first fifth)", Troughs());
        text.AppendLine($"threads started after the warm-up (a lower bound: /proc polled every {ThreadStarts.PollInterval.TotalMilliseconds:0} ms)");
        foreach (var (node, started) in ThreadsStartedAfterWarmup())
            text.AppendLine($"{node,-10} {started.Values.Sum(),5} " + string.Join(", ", started.OrderByDescending(kv => kv.Value).Select(kv => $"{kv.Key} {kv.Value}")));
        text.AppendLine("threads, last sample vs first after the warm-up, by name");
        foreach (var (node, change) in ThreadChangeAfterWarmup())
            text.AppendLine($"{node,-10} {change}");
        return text.ToString();
    }

    /// <summary>Per node: which threads make the difference between the first sample after the warm-up and the last.</summary>
    public IReadOnlyDictionary<string, string> ThreadChangeAfterWarmup() =>
        _samples.GroupBy(s => s.Node)
            .Select(g => (Node: g.Key, After: g.Where(s => s.At >= _from).ToList()))
            .Where(n => n.After.Count >= 2)
            .ToDictionary(n => n.Node, n => ThreadNames.Difference(n.After[0].ThreadsByName, n.After[^1].ThreadsByName));

    /// <summary>Per node: the threads it started after the warm-up, by name.</summary>
    public IReadOnlyDictionary<string, Dictionary<string, int>> ThreadsStartedAfterWarmup() =>
        _samples.GroupBy(s => s.Node).ToDictionary(g => g.Key, g => g
            .Where(s => s.At >= _from)
            .SelectMany(s => s.ThreadsStarted)
            .GroupBy(kv => kv.Key)
            .ToDictionary(n => n.Key, n => n.Sum(kv => kv.Value)));

    private static void AppendGrowth(StringBuilder text, string title, IReadOnlyDictionary<string, Dictionary<string, double?>> growth)
    {
        text.AppendLine(title);
        text.AppendLine($"{"node",-10} " + string.Join(" ", Measures.Select(m => $"{m.Name,8}")));
        foreach (var (node, values) in growth)
            text.AppendLine($"{node,-10} " + string.Join(" ", Measures.Select(m => $"{(values[m.Name] is { } v ? $"{v:0.0}%" : "-"),8}")));
    }

    public void WriteJson(string path)
    {
        var json = new JsonObject
        {
            ["topology"] = topology,
            ["warmupSeconds"] = _warmup.TotalSeconds,
            ["growthFromSeconds"] = _from.TotalSeconds,
            ["restarts"] = Restarts,
            ["churn"] = JsonSerializer.SerializeToNode(Churn.ToDictionary(kv => kv.Key.ToString(), kv => kv.Value)),
            ["churnProblems"] = JsonSerializer.SerializeToNode(ChurnProblems),
            ["growthPercent"] = JsonSerializer.SerializeToNode(Growth()),
            ["trendPercent"] = JsonSerializer.SerializeToNode(Trend()),
            ["peakGrowthPercent"] = JsonSerializer.SerializeToNode(Peaks()),
            ["troughGrowthPercent"] = JsonSerializer.SerializeToNode(Troughs()),
            ["threadsStartedAfterWarmup"] = JsonSerializer.SerializeToNode(ThreadsStartedAfterWarmup()),
            ["threadChangeAfterWarmup"] = JsonSerializer.SerializeToNode(ThreadChangeAfterWarmup()),
            ["samples"] = JsonSerializer.SerializeToNode(_samples, new JsonSerializerOptions(JsonSerializerDefaults.Web)),
        };
        File.WriteAllText(path, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }
}
