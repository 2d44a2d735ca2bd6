using System.Text.Json.Nodes;

namespace Valkka.Bench.Tests;

/// <summary>valkka bench cross-host with one camera for a few seconds (as root, which CI is): every variant, sane counts.</summary>
[Trait("Speed", "Slow")]
public class CrossHostBenchmarkSmokeTests
{
    [Fact]
    public void One_camera_for_two_seconds_reports_every_variant_with_frames_cpu_and_wire_bytes()
    {
        var json = BenchJson.Run("cross-host", "--runs", "1", "--cameras", "1", "--seconds", "2", "--warmup", "1");

        var variants = json["results"]!["variants"]!.AsObject();
        Assert.Equal(CrossHostVariant.All.Select(v => v.Name).Order(), variants.Select(p => p.Key).Order());
        foreach (var variant in CrossHostVariant.All)
        {
            var v = variants[variant.Name]!;
            string name = variant.Name;
            double expected = BenchJson.Spread(v["frames_expected"], name + ".frames_expected");
            double delivered = BenchJson.Spread(v["frames_delivered"], name + ".frames_delivered");
            Assert.True(expected >= variant.Fps, $"{name}: {expected} frames expected in about 2 s of a camera at {variant.Fps} fps");
            Assert.True(delivered > 0 && delivered <= 2 * expected + variant.Fps, $"{name}: {delivered} frames delivered, {expected} expected");
            double wire = BenchJson.Spread(v["wire_bytes_per_frame"], name + ".wire_bytes_per_frame");
            double cpuA = BenchJson.Spread(v["cpu_ms_per_frame_a"], name + ".cpu_ms_per_frame_a");
            double cpuB = BenchJson.Spread(v["cpu_ms_per_frame_b"], name + ".cpu_ms_per_frame_b");
            // Host A runs no node in rtsp (only the camera source); host B none in local.
            Assert.True(variant.Kind == CrossHostKind.SecondRtsp ? cpuA == 0 : cpuA > 0, $"{name}: CPU on A {cpuA} ms/frame");
            Assert.True(variant.Kind == CrossHostKind.Local ? cpuB == 0 : cpuB > 0, $"{name}: CPU on B {cpuB} ms/frame");
            if (variant.Kind != CrossHostKind.Local) Assert.True(wire > 0, $"{name}: nothing crossed the link");
        }
        double rgbFrame = CrossHostBenchmark.Width * CrossHostBenchmark.Height * 3;
        Assert.True(Median(variants, "rgb-25", "wire_bytes_per_frame") > rgbFrame / 2, "the RGB frames in messages cross the link");
        Assert.True(Median(variants, "local-25", "wire_bytes_per_frame") < Median(variants, "relay-25", "wire_bytes_per_frame"),
            "local readers send less over A's link than a relay");
        Assert.True(Median(variants, "relay-25", "wire_bytes_per_frame") < rgbFrame / 10, "the relay carries encoded packets, not pixels");

        var goals = json["results"]!["goals"]!.AsObject();
        Assert.Equal(["cpu_b_relay25_vs_local25", "cpu_b_relay5_vs_local5", "wire_bytes_relay25_vs_rgb25"], goals.Select(g => g.Key).Order());
        Assert.True(BenchJson.Number(json["ratios"]!["wire_bytes_relay25_vs_rgb25"], "wire_bytes_relay25_vs_rgb25") > 0);
        // The hosts (namespaces named after this process, as TestNetwork names them) are gone with their /dev/shm.
        var namespaces = Valkka.TestSupport.ChildProcess.Run("ip", ["netns", "list"], TimeSpan.FromSeconds(30)).Output;
        Assert.DoesNotContain($"vk{Environment.ProcessId}n", namespaces);
    }

    private static double Median(JsonObject variants, string variant, string figure) => (double)variants[variant]![figure]!["median"]!;
}
