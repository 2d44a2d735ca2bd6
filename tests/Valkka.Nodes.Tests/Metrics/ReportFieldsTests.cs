using System.Reflection;
using Valkka.Nodes.Stats;
using Valkka.TestSupport;

namespace Valkka.Nodes.Tests.Metrics;

/// <summary>A counter is one field of a report row: these check that everything derived from the fields holds.</summary>
public sealed class ReportFieldsTests
{
    [Fact]
    public void Summing_incarnations_adds_every_counter_and_keeps_the_latest_of_the_rest()
    {
        var before = new CameraRow("cam1", "streaming", null, 100, 2, 25) { LeasesExpired = 3, DecodeSeconds = 1.5, Readers = 4, RingSlots = 8 };
        var after = new CameraRow("cam1", "reconnecting", "gone", 10, 1, 12) { LeasesExpired = 1, DecodeSeconds = 0.25, Readers = 1, RingSlots = 6 };

        var total = ReportFields<CameraRow>.Sum(before, after);

        Assert.Equal((110L, 3L, 4L, 1.75), (total.Decoded, total.Dropped, total.LeasesExpired, total.DecodeSeconds));
        Assert.Equal(("reconnecting", "gone", 12.0, 1, 6), (total.Status, total.Reason, total.Fps, total.Readers, total.RingSlots));
    }

    [Fact]
    public void A_count_the_cluster_keeps_is_not_summed_over_incarnations_and_never_goes_back()
    {
        var before = new CameraRow("cam1", "streaming", null, 100, 0, 5) { Moves = 2 };
        var after = new CameraRow("cam1", "streaming", null, 10, 0, 5) { Moves = 3 };

        Assert.Equal((110L, 3L), (ReportFields<CameraRow>.Sum(before, after).Decoded, ReportFields<CameraRow>.Sum(before, after).Moves));
        Assert.Equal(3L, ReportFields<CameraRow>.Max(after, before with { Moves = 0 }).Moves);
    }

    [Fact]
    public void Max_keeps_no_counter_lower_than_before()
    {
        var previous = new MasterRow("m1", 10, 80, 80, 8, 3) { Stale = 5, Skipped = 2 };
        var late = new MasterRow("m1", 11, 88, 88, 8, 3);

        var merged = ReportFields<MasterRow>.Max(previous, late);

        Assert.Equal((11L, 88L, 88L, 5L, 2L), (merged.Batches, merged.Frames, merged.Results, merged.Stale, merged.Skipped));
    }

    [Theory]
    [InlineData(typeof(CameraRow))]
    [InlineData(typeof(ClientRow))]
    [InlineData(typeof(ClientCameraRow))]
    [InlineData(typeof(MasterRow))]
    [InlineData(typeof(RelayRow))]
    [InlineData(typeof(PublisherRow))]
    public void Every_metric_of_a_report_row_is_documented_by_its_Prometheus_name(Type row)
    {
        var docs = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "metrics.md"));
        var missing = row.GetProperties()
            .SelectMany(p => new[]
            {
                p.GetCustomAttribute<CounterAttribute>() is { Metric: { } c } counter ? PrometheusName(c, counter.Unit) + "_total" : null,
                p.GetCustomAttribute<GaugeAttribute>() is { } gauge ? PrometheusName(gauge.Metric, gauge.Unit) : null,
            })
            .OfType<string>().Where(name => !docs.Contains($"`{name}`", StringComparison.Ordinal)).ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void Counters_are_numbers_the_run_can_add()
    {
        var rows = new[] { typeof(CameraRow), typeof(ClientRow), typeof(ClientCameraRow), typeof(MasterRow), typeof(RelayRow), typeof(PublisherRow) };
        var wrong = rows.SelectMany(r => r.GetProperties())
            .Where(p => p.GetCustomAttribute<CounterAttribute>() is not null && p.PropertyType != typeof(long) && p.PropertyType != typeof(double))
            .Select(p => $"{p.DeclaringType!.Name}.{p.Name}").ToList();
        Assert.Empty(wrong);
    }

    private static string PrometheusName(string metric, string unit) =>
        metric.Replace('.', '_') + unit switch { "s" => "_seconds", "By" => "_bytes", _ => "" };
}
