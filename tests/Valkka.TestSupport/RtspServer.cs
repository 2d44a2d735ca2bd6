using System.Globalization;

namespace Valkka.TestSupport;

/// <summary>
/// A camera on loopback: rtsp/rtsp_server.py (GStreamer's RTSP server) run by /usr/bin/python3 on
/// a free port of 127.0.0.1, ready once it printed its READY line. <see cref="Stop"/> kills it by
/// pid and <see cref="Start"/> serves again on the same port; the script also exits by itself
/// when the test process is gone.
/// </summary>
public sealed class RtspServer : IDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private readonly string[] _arguments;
    private ChildProcess? _process;

    /// <summary>Serves path (e.g. "/cam1"), with the script's options, e.g. "--size", "320x240", "--fps", "25".</summary>
    public RtspServer(string path, params string[] options)
    {
        if (!path.StartsWith('/')) throw new ArgumentException($"an RTSP path starts with '/': {path}", nameof(path));
        var port = FreeTcpPort.Pick();
        Url = $"rtsp://127.0.0.1:{port}{path}";
        _arguments = [ScriptPath, "--port", port.ToString(CultureInfo.InvariantCulture), "--path", path,
            "--parent-pid", Environment.ProcessId.ToString(CultureInfo.InvariantCulture), .. options];
        Start();
    }

    public string Url { get; }

    public static string ScriptPath => Path.Combine(AppContext.BaseDirectory, "rtsp", "rtsp_server.py");

    public void Start()
    {
        if (_process is not null) throw new InvalidOperationException($"the RTSP server of {Url} already runs");
        var process = ChildProcess.Start("/usr/bin/python3", _arguments);
        try
        {
            process.WaitForLine("READY ", ReadyTimeout);
        }
        catch
        {
            process.Dispose();
            throw;
        }
        _process = process;
    }

    /// <summary>Kills the server (by pid) and waits for it to be gone.</summary>
    public void Stop()
    {
        var process = _process;
        _process = null;
        process?.Dispose();
    }

    public void Dispose() => Stop();
}
