using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Valkka.Media.Tests.Support;

/// <summary>
/// Runs rtsp/rtsp_server.py (GStreamer's RTSP server) with /usr/bin/python3 on 127.0.0.1, waits
/// for its READY line, and kills it by pid on Stop/Dispose.
/// </summary>
internal sealed class RtspServerProcess : IDisposable
{
    private Process? _process;

    public RtspServerProcess(int port = 0, params string[] extraArgs)
    {
        Port = port == 0 ? FreePort() : port;
        ExtraArgs = extraArgs;
        Start();
    }

    public int Port { get; }
    public string[] ExtraArgs { get; }
    public string Url => $"rtsp://127.0.0.1:{Port}/cam1";
    public static string ScriptPath => Path.Combine(AppContext.BaseDirectory, "rtsp", "rtsp_server.py");

    public void Start()
    {
        if (_process != null) throw new InvalidOperationException("server already running");
        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var a in new[] { ScriptPath, "--port", Port.ToString(), "--path", "/cam1", "--parent-pid", Environment.ProcessId.ToString() })
            start.ArgumentList.Add(a);
        foreach (var a in ExtraArgs) start.ArgumentList.Add(a);
        var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start /usr/bin/python3");
        _process = process;
        var ready = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var errors = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.StartsWith("READY ", StringComparison.Ordinal) == true) ready.TrySetResult(e.Data);
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (errors) errors.AppendLine(e.Data); };
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"rtsp_server.py exited: {errors}"));
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!ready.Task.Wait(TimeSpan.FromSeconds(30)))
        {
            Stop();
            throw new TimeoutException($"rtsp_server.py printed no READY line in 30 s: {errors}");
        }
    }

    /// <summary>Kills the server (by pid) and waits for it to be gone.</summary>
    public void Stop()
    {
        var process = _process;
        _process = null;
        if (process == null) return;
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
        catch (InvalidOperationException) { }
        process.Dispose();
    }

    public void Dispose() => Stop();

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
