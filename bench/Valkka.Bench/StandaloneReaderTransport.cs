using System.Diagnostics;
using System.Text.Json.Nodes;
using Valkka.Shm;

namespace Valkka.Bench;

/// <summary>
/// Standalone readers, without Akka: a writer process (<see cref="RingWriterPeer"/>, a camera's part
/// of the ring: frames copied back to back into its slots, never waiting) and a reader process that
/// claims a reader index in the ring, leases the newest frame through the doorbell, reads every byte
/// in place and releases it: the C# reader (<see cref="RingReaderPeer"/>, Valkka.Shm) or the Python
/// one (bench/python/ring_reader.py: the valkka package through libvalkka.so, numpy views).
/// Frames/s counts the frames the reader read, from the writer's first measured commit to the
/// reader's end (CLOCK_MONOTONIC in both processes).
/// </summary>
public static class StandaloneReaderTransport
{
    public const string PythonReaderRelativePath = "bench/python/ring_reader.py";

    public static TransportRun Run(string reader, string python, int frames, int warmup, int slots, int width, int height)
    {
        using var writer = PeerProcess.Start(RingWriterPeer.Role, ("frames", frames), ("warmup", warmup), ("slots", slots), ("width", width), ("height", height));
        string path = writer.WaitFor("READY", TimeSpan.FromSeconds(60));
        using var client = reader == "python" ? StartPython(python, path, frames, warmup)
            : PeerProcess.Start(RingReaderPeer.Role, ("path", path), ("frames", frames), ("warmup", warmup));
        client.WaitFor("READY", TimeSpan.FromSeconds(60));
        writer.Send("go");
        var written = writer.WaitForResult(TimeSpan.FromSeconds(120 + frames / 10));
        var read = client.WaitForResult(TimeSpan.FromSeconds(60));
        writer.Send("exit");
        writer.WaitForExitOrThrow(TimeSpan.FromSeconds(30)); // it removes its ring on the way out
        long analyzed = (long)read["frames"]!;
        if (analyzed <= 0) throw new InvalidOperationException($"standalone {reader} reader read no frame ({read.ToJsonString()})");
        if (read["copies"] is JsonNode copies && (long)copies != 0)
            throw new InvalidOperationException($"standalone {reader} reader: {copies} frames were not views of the ring ({read.ToJsonString()})");
        double seconds = ((long)read["end_ns"]! - (long)written["t0_ns"]!) / 1e9;
        double senderCpu = (double)written["sender_cpu_s"]!;
        return new TransportRun(analyzed, seconds, senderCpu + (double)read["receiver_cpu_s"]!, (ulong)read["checksum"]!, senderCpu,
            Written: frames, Skipped: frames - analyzed - (long)read["stale"]!, Stale: (long)read["stale"]!);
    }

    private static PeerProcess StartPython(string python, string path, int frames, int warmup)
    {
        string script = BenchFiles.Find(PythonReaderRelativePath, "");
        string root = BenchFiles.RootHolding(PythonReaderRelativePath);
        if (!File.Exists(Path.Combine(root, "artifacts", "native", "libvalkka.so")))
        {
            using var build = Process.Start(Path.Combine(root, "scripts", "build-native")) ?? throw new InvalidOperationException("scripts/build-native did not start");
            build.WaitForExit();
            if (build.ExitCode != 0) throw new InvalidOperationException($"scripts/build-native failed with code {build.ExitCode}");
        }
        return PeerProcess.StartProgram("python-reader", python, [script, path, $"{warmup}", $"{frames}"],
            new Dictionary<string, string> { ["PYTHONPATH"] = Path.Combine(root, "python") });
    }
}
