using System.Buffers.Binary;
using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
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
    private readonly Dictionary<string, int> _names = new(StringComparer.Ordinal);
    private byte[] _nameMessages = new byte[1024];
    private int _nameLength;
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
        _nameLength = 0;
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
        var ring = frame.RingFile ?? throw new PythonWorkerException(
            $"frame {frame.Sequence} of camera {frame.CameraId} is not in a ring: a Python analyzer reads frames in the rings of this host");
        int at = WorkerProtocol.HeaderSize + _frameCount * WorkerProtocol.FrameRecordSize;
        if (at + WorkerProtocol.FrameRecordSize > _frames.Length) Array.Resize(ref _frames, _frames.Length * 2);
        var record = _frames.AsSpan(at, WorkerProtocol.FrameRecordSize);
        var info = frame.Info;
        BinaryPrimitives.WriteInt32LittleEndian(record, NameId(ring));
        BinaryPrimitives.WriteInt32LittleEndian(record[4..], NameId(frame.CameraId));
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
            if (_nameLength > 0)
            {
                WorkerSocket.SendAll(process.Socket, _nameMessages.AsSpan(0, _nameLength));
                _nameLength = 0;
            }
            WorkerSocket.SendAll(process.Socket, _frames.AsSpan(0, length));
            var kind = Receive(process.Socket, out int replyLength);
            if (kind != WorkerProtocol.Results) throw new IOException($"the worker answered with message kind {kind}");
            return new WorkerReplies(_reply.AsSpan(0, replyLength));
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

    private int NameId(string text)
    {
        if (_names.TryGetValue(text, out int id)) return id;
        id = _names.Count;
        _names.Add(text, id);
        int bytes = Encoding.UTF8.GetByteCount(text);
        int needed = _nameLength + WorkerProtocol.HeaderSize + 4 + bytes;
        if (needed > _nameMessages.Length) Array.Resize(ref _nameMessages, Math.Max(needed, _nameMessages.Length * 2));
        var message = _nameMessages.AsSpan(_nameLength);
        WriteHeader(message, WorkerProtocol.Name, 4 + bytes);
        BinaryPrimitives.WriteInt32LittleEndian(message[WorkerProtocol.HeaderSize..], id);
        Encoding.UTF8.GetBytes(text, message[(WorkerProtocol.HeaderSize + 4)..]);
        _nameLength = needed;
        return id;
    }

    /// <summary>Receives one message; its body is the first length bytes of _reply.</summary>
    private uint Receive(Socket socket, out int length)
    {
        Span<byte> header = stackalloc byte[WorkerProtocol.HeaderSize];
        WorkerSocket.ReceiveAll(socket, header);
        uint kind = BinaryPrimitives.ReadUInt32LittleEndian(header);
        length = checked((int)BinaryPrimitives.ReadUInt32LittleEndian(header[4..]));
        if (length > _reply.Length) _reply = new byte[Math.Max(length, _reply.Length * 2)];
        WorkerSocket.ReceiveAll(socket, _reply.AsSpan(0, length));
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
