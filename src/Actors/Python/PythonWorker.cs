using System.Buffers.Binary;
using System.Diagnostics;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Valkka.Actors.Analysis;

namespace Valkka.Actors.Python;

/// <summary>
/// A Python analyzer's worker process, supervised: started in the background (<see cref="WorkerStarts"/>),
/// killed when it does not answer within the analyze timeout or its connection breaks, and started again
/// (at most once per <see cref="PythonWorkerOptions.RestartDelay"/>); frames that come while none is ready
/// are skipped and counted. A call sends the frames the caller holds leases on
/// (where each lies in its ring file, and its metadata) and waits for one result entry per frame; the
/// caller keeps the leases until the call returns, killed worker or not. One thread at a time.
/// </summary>
internal sealed class PythonWorker(PythonWorkerOptions options, ILogger log, string name) : IDisposable
{
    /// <summary>The status of an analyzer whose worker is not ready.</summary>
    public const string Starting = "its Python worker is starting; frames are not analyzed until it is ready";

    private readonly WorkerNames _names = new();
    private byte[] _frames = new byte[WorkerProtocol.HeaderSize + 8 * WorkerProtocol.FrameRecordSize];
    private int _frameCount;
    private byte[] _reply = new byte[4096];
    private readonly WorkerStarts _starts = new(options, log, name);
    private WorkerProcess? _process;
    private long _skippedLogged;

    /// <summary>Workers that became ready so far (the first and every restart).</summary>
    public int Starts => _starts.Starts;

    /// <summary>Workers killed because they hung past the timeout or broke the connection (died).</summary>
    public int Kills { get; private set; }

    /// <summary>Frames not analyzed because no worker was ready (being started or restarted).</summary>
    public long SkippedWhileStarting { get; private set; }

    /// <summary>The running worker's process id (null: none ready).</summary>
    public int? Pid => _process?.Pid;

    /// <summary>
    /// True when a worker is ready for a call; otherwise one is being started in the background (this starts
    /// it) and the caller's <paramref name="frames"/> are counted as skipped.
    /// </summary>
    public bool TryReady(int frames)
    {
        if (_process is not null) return true;
        _process = _starts.TryTake();
        if (_process is null)
        {
            SkippedWhileStarting += frames;
            return false;
        }
        _names.Clear();
        if (SkippedWhileStarting > _skippedLogged)
            log.LogWarning("{Worker}: {Count} frames were not analyzed while the worker started ({Total} in all)",
                name, SkippedWhileStarting - _skippedLogged, SkippedWhileStarting);
        _skippedLogged = SkippedWhileStarting;
        return true;
    }

    /// <summary>Starts a call's list of frames.</summary>
    public void BeginFrames() => _frameCount = 0;

    /// <summary>Adds a frame the caller holds a lease on until the call returns; it must lie in a ring on this host.</summary>
    public void AddFrame(in FrameView frame)
    {
        var ring = frame.RingReader ?? throw new PythonWorkerException(
            $"frame {frame.Sequence} of camera {frame.CameraId} is not in a ring: a Python analyzer reads frames in the rings of this host");
        int at = WorkerProtocol.HeaderSize + _frameCount * WorkerProtocol.FrameRecordSize;
        if (at + WorkerProtocol.FrameRecordSize > _frames.Length) Array.Resize(ref _frames, _frames.Length * 2);
        var record = _frames.AsSpan(at, WorkerProtocol.FrameRecordSize);
        var info = frame.Info;
        BinaryPrimitives.WriteInt32LittleEndian(record, _names.Ring(ring));
        BinaryPrimitives.WriteInt32LittleEndian(record[4..], _names.Camera(frame.CameraId));
        BinaryPrimitives.WriteInt32LittleEndian(record[8..], info.Width);
        BinaryPrimitives.WriteInt32LittleEndian(record[12..], info.Height);
        BinaryPrimitives.WriteInt32LittleEndian(record[16..], info.Stride);
        BinaryPrimitives.WriteInt32LittleEndian(record[20..], (int)info.Format);
        BinaryPrimitives.WriteInt32LittleEndian(record[24..], info.Length);
        BinaryPrimitives.WriteInt32LittleEndian(record[28..], 0);
        BinaryPrimitives.WriteInt64LittleEndian(record[32..], frame.RingOffset);
        BinaryPrimitives.WriteInt64LittleEndian(record[40..], frame.Sequence);
        BinaryPrimitives.WriteInt64LittleEndian(record[48..], info.StreamFrameIndex);
        BinaryPrimitives.WriteInt64LittleEndian(record[56..], info.TimestampMs);
        BinaryPrimitives.WriteInt64LittleEndian(record[64..], info.CommitTicks);
        _frameCount++;
    }

    /// <summary>
    /// Sends the frames and waits for their results. A worker that does not answer within the analyze
    /// timeout, or whose connection breaks, is killed (the next call starts a new one) and the call
    /// throws <see cref="PythonWorkerException"/>.
    /// </summary>
    public WorkerReplies Exchange()
    {
        var process = _process ?? throw new PythonWorkerException($"{name}: no worker runs");
        int length = WorkerProtocol.HeaderSize + _frameCount * WorkerProtocol.FrameRecordSize;
        WriteHeader(_frames, WorkerProtocol.Frames, length - WorkerProtocol.HeaderSize);
        try
        {
            if (_names.Pending.Length > 0)
            {
                WorkerSocket.SendAll(process.Socket, _names.Pending);
                _names.Sent();
            }
            WorkerSocket.SendAll(process.Socket, _frames.AsSpan(0, length));
            var kind = Receive(process.Socket, out int replyLength);
            if (kind != WorkerProtocol.Results) throw new IOException($"the worker answered with message kind {kind}");
            return new WorkerReplies(_reply.AsSpan(WorkerProtocol.HeaderSize, replyLength));
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock)
        {
            throw Kill($"did not answer within analyze-timeout {options.AnalyzeTimeout.TotalSeconds:0.###} s");
        }
        catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException)
        {
            throw Kill(process.HasExited ? "died" : $"broke its connection ({e.Message})");
        }
    }

    private PythonWorkerException Kill(string what)
    {
        var process = _process!;
        _process = null;
        Kills++;
        int pid = process.Pid;
        var tail = process.Tail();
        process.Kill();
        var message = $"{name}: the worker (pid {pid}) {what}; it was killed and is started again";
        log.LogWarning("{Message}. Its last output: {Tail}", message, tail);
        _ = _starts.TryTake(); // the next worker starts now, not on the next frame
        return new PythonWorkerException(message);
    }

    /// <summary>
    /// Receives one message into _reply (its header, then its body of length bytes): in one receive when it
    /// fits, as a worker's answer to a frame does. The worker sends nothing unasked, so nothing is read past it.
    /// </summary>
    private uint Receive(Socket socket, out int length)
    {
        int have = 0;
        while (have < WorkerProtocol.HeaderSize) have += WorkerSocket.ReceiveSome(socket, _reply.AsSpan(have));
        uint kind = BinaryPrimitives.ReadUInt32LittleEndian(_reply);
        length = checked((int)BinaryPrimitives.ReadUInt32LittleEndian(_reply.AsSpan(4)));
        int total = WorkerProtocol.HeaderSize + length;
        if (total > _reply.Length) Array.Resize(ref _reply, Math.Max(total, _reply.Length * 2));
        if (have < total) WorkerSocket.ReceiveAll(socket, _reply.AsSpan(have, total - have));
        return kind;
    }

    private static void WriteHeader(Span<byte> target, uint kind, int bodyLength)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(target, kind);
        BinaryPrimitives.WriteUInt32LittleEndian(target[4..], (uint)bodyLength);
    }

    public void Dispose()
    {
        _starts.Dispose();
        _process?.Dispose();
        _process = null;
    }
}
