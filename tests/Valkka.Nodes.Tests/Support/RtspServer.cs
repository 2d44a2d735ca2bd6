using System.Diagnostics;

namespace Valkka.Nodes.Tests.Support;

/// <summary>
/// A camera on loopback: the media helper's GStreamer RTSP server script (tests/Valkka.Media.Tests/
/// rtsp/rtsp_server.py) on a free port, serving H.264 at 640x360, 25 fps. Killed by pid on Dispose.
/// </summary>
public sealed class RtspServer : IDisposable
{
    private readonly Process _process;

    private RtspServer(Process process, string url)
    {
        _process = process;
        Url = url;
    }

    public string Url { get; }

    public static async Task<RtspServer> StartAsync(string path)
    {
        var script = Path.Combine(RepoPaths.Root, "tests", "Valkka.Media.Tests", "rtsp", "rtsp_server.py");
        var info = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { script, "--port", "0", "--path", path, "--size", TestTopology.TestSize, "--fps", "25",
                     "--parent-pid", Environment.ProcessId.ToString() })
            info.ArgumentList.Add(a);
        var process = Process.Start(info)!;
        _ = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            while (true)
            {
                var line = await process.StandardOutput.ReadLineAsync(timeout.Token)
                           ?? throw new InvalidOperationException("the RTSP server exited before it was ready");
                if (line.StartsWith("READY ", StringComparison.Ordinal)) return new RtspServer(process, line["READY ".Length..].Trim());
            }
        }
        catch
        {
            if (!process.HasExited) process.Kill();
            process.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException) { }
        _process.Dispose();
    }
}
