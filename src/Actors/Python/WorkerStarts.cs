using System.Buffers.Binary;
using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Valkka.Actors.Python;

/// <summary>
/// Starts a Python worker in the background (at most once per <see cref="PythonWorkerOptions.RestartDelay"/>):
/// the process, its connection and its HELLO/READY (the analyzer's module imported, its class made). The
/// caller asks on each frame and analyzes nothing until a worker is ready, so a start (numpy, OpenCV, a
/// model: up to seconds) never holds a lease or the caller's thread.
/// </summary>
internal sealed class WorkerStarts(PythonWorkerOptions options, ILogger log, string name) : IDisposable
{
    private readonly Lock _gate = new();
    private Task<WorkerProcess>? _starting;
    private WorkerProcess? _spawned;
    private long _lastStartTicks = long.MinValue / 2;
    private double _startSeconds;
    private bool _disposed;

    /// <summary>Workers that became ready so far (the first and every restart).</summary>
    public int Starts { get; private set; }

    /// <summary>A worker ready to serve (the caller owns it from now on), or null while one is being started.</summary>
    public WorkerProcess? TryTake()
    {
        if (_starting is { } starting)
        {
            if (!starting.IsCompleted) return null;
            _starting = null;
            if (starting.IsCompletedSuccessfully)
            {
                Starts++;
                var process = starting.Result;
                log.LogInformation("{Worker}: worker pid {Pid} runs {Class} (started in {Seconds:0.00} s)",
                    name, process.Pid, options.Analyzer.Class, _startSeconds);
                return process;
            }
        }
        if (Stopwatch.GetElapsedTime(_lastStartTicks) < options.RestartDelay) return null;
        lock (_gate)
        {
            if (_disposed) return null;
            _lastStartTicks = Stopwatch.GetTimestamp();
            _starting = Task.Run(Start);
            log.LogInformation("{Worker}: starting a worker for {Class}; frames that come meanwhile are skipped", name, options.Analyzer.Class);
        }
        return null;
    }

    private WorkerProcess Start()
    {
        WorkerProcess process;
        try
        {
            process = WorkerProcess.Start(options, log, name, Spawned);
        }
        catch (Exception e) when (e is PythonWorkerException or SocketException or IOException or System.ComponentModel.Win32Exception)
        {
            Failed(e.Message);
            throw;
        }
        try
        {
            Handshake(process.Socket);
            _startSeconds = Stopwatch.GetElapsedTime(_lastStartTicks).TotalSeconds;
            lock (_gate)
            {
                _spawned = null;
                if (_disposed) throw new PythonWorkerException($"{name}: stopped while its worker started");
            }
            return process;
        }
        catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException or PythonWorkerException)
        {
            var problem = e is PythonWorkerException ? e.Message : $"the worker failed while starting ({e.Message}): {process.Tail()}";
            process.Kill();
            lock (_gate) _spawned = null;
            Failed(problem);
            throw e as PythonWorkerException ?? new PythonWorkerException(problem, e);
        }
    }

    private void Failed(string problem)
    {
        lock (_gate)
            if (_disposed) return;
        log.LogError("{Worker}: could not start (trying again in {Delay:0.0} s): {Problem}", name, options.RestartDelay.TotalSeconds, problem);
    }

    private void Spawned(WorkerProcess process)
    {
        lock (_gate)
        {
            _spawned = process;
            if (_disposed) process.Abort();
        }
    }

    private void Handshake(Socket socket)
    {
        socket.SendTimeout = socket.ReceiveTimeout = (int)options.StartTimeout.TotalMilliseconds;
        var hello = Encoding.UTF8.GetBytes($$"""{"class":{{Json(options.Analyzer.Class)}},"role":{{Json(options.Role)}},"owner":{{Json(options.OwnerId)}},"settings":{{options.SettingsJson}}}""");
        var message = new byte[WorkerProtocol.HeaderSize + hello.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(message, WorkerProtocol.Hello);
        BinaryPrimitives.WriteUInt32LittleEndian(message.AsSpan(4), (uint)hello.Length);
        hello.CopyTo(message, WorkerProtocol.HeaderSize);
        WorkerSocket.SendAll(socket, message);
        var header = new byte[WorkerProtocol.HeaderSize];
        WorkerSocket.ReceiveAll(socket, header);
        uint kind = BinaryPrimitives.ReadUInt32LittleEndian(header);
        var body = new byte[checked((int)BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(4)))];
        WorkerSocket.ReceiveAll(socket, body);
        if (kind == WorkerProtocol.Fatal)
            throw new PythonWorkerException($"{options.Analyzer.Class} could not be loaded:\n{Encoding.UTF8.GetString(body)}");
        if (kind != WorkerProtocol.Ready) throw new PythonWorkerException($"the worker answered its start with message kind {kind}");
        socket.SendTimeout = socket.ReceiveTimeout = Math.Max(1, (int)options.AnalyzeTimeout.TotalMilliseconds);
    }

    private static string Json(string text) => System.Text.Json.JsonSerializer.Serialize(text);

    public void Dispose()
    {
        Task<WorkerProcess>? starting;
        lock (_gate)
        {
            _disposed = true;
            _spawned?.Abort();
            starting = _starting;
            _starting = null;
        }
        // A start that got past its last check just before this still hands over a worker: end it.
        starting?.ContinueWith(t => t.Result.Dispose(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
    }
}
