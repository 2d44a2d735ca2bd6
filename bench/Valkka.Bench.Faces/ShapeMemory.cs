using System.Diagnostics;
using System.Globalization;
using Valkka.Samples.Faces;

namespace Valkka.Bench.Faces;

/// <summary>
/// The dynamic-batch net's memory when batch sizes vary, as a master's batches do, with ONNX
/// Runtime's memory pattern on and off. RSS is per process, so each variant runs in a child process
/// of its own: warm-up, then <see cref="Runs"/> runs of random batch sizes 1..8; the children
/// alternate, <c>rounds</c> of each.
/// </summary>
public static class ShapeMemory
{
    public const int Runs = 800;
    public const string ChildFlag = "--shapes-child";

    public static int Compare(int rounds)
    {
        var results = new Dictionary<bool, List<(double GrowthMiB, double CpuMsPerFrame)>> { [true] = [], [false] = [] };
        for (var round = 0; round < rounds; round++)
            foreach (var pattern in new[] { true, false })
                results[pattern].Add(RunChild(pattern));

        Console.WriteLine($"dynamic-batch BlazeFace, {Runs} runs of batch sizes 1..8 after the warm-up, {rounds} child processes each, alternating");
        Console.WriteLine($"{"memory pattern",-17} {"RSS growth (MiB)",-24} {"CPU ms/frame (median)",-22}");
        foreach (var (pattern, list) in results)
            Console.WriteLine($"{(pattern ? "on (ORT default)" : "off"),-17} {string.Join(" / ", list.Select(r => r.GrowthMiB.ToString("0.0", CultureInfo.InvariantCulture))),-24} {Median(list.Select(r => r.CpuMsPerFrame)):0.000}");
        Console.WriteLine($"CPU per frame, off / on: {Median(results[false].Select(r => r.CpuMsPerFrame)) / Median(results[true].Select(r => r.CpuMsPerFrame)):0.00}");
        return 0;
    }

    /// <summary>In the child: prints "growth-bytes cpu-ms-per-frame".</summary>
    public static unsafe int Child(bool memoryPattern)
    {
        using var net = new BlazeFaceNet(BlazeFaceModel.Locate(), dynamicBatch: true, maxBatch: 8, memoryPattern: memoryPattern);
        var input = new float[8 * net.InputFloats];
        var random = new Random(17);
        for (var i = 0; i < input.Length; i++) input[i] = (float)random.NextDouble();
        GC.Collect();
        var before = Environment.WorkingSet;
        long frames = 0;
        var cpu = ThreadCpuClock.Milliseconds();
        for (var run = 0; run < Runs; run++)
        {
            var batch = random.Next(1, 9);
            net.Run(input, batch);
            frames += batch;
        }
        cpu = ThreadCpuClock.Milliseconds() - cpu;
        GC.Collect();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Environment.WorkingSet - before} {cpu / frames}"));
        return 0;
    }

    private static (double, double) RunChild(bool memoryPattern)
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") start.ArgumentList.Add(typeof(ShapeMemory).Assembly.Location);
        start.ArgumentList.Add(ChildFlag);
        start.ArgumentList.Add(memoryPattern ? "on" : "off");
        using var child = Process.Start(start)!;
        var line = child.StandardOutput.ReadToEnd().Trim().Split('\n')[^1].Split(' ');
        child.WaitForExit();
        if (child.ExitCode != 0) throw new InvalidOperationException($"the {ChildFlag} process exited with {child.ExitCode}");
        return (long.Parse(line[0], CultureInfo.InvariantCulture) / 1048576.0, double.Parse(line[1], CultureInfo.InvariantCulture));
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
