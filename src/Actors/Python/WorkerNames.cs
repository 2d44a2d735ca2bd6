using System.Buffers.Binary;
using System.Text;
using Valkka.Shm;

namespace Valkka.Actors.Python;

/// <summary>
/// The ids a worker knows camera ids and ring files by, and the NAME and RING messages that tell it new
/// ones (sent before the next FRAMES). A ring file gets a new id when its reader maps another file at the
/// same path (other owner or creation time: a camera restarted), so the worker maps that file anew, and
/// checks its own mapping against what this node's reader saw.
/// </summary>
internal sealed class WorkerNames
{
    private readonly Dictionary<string, int> _cameras = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Pid, long StartTime, long Created, int Id)> _rings = new(StringComparer.Ordinal);
    private byte[] _pending = new byte[1024];
    private int _pendingLength;
    private int _next;

    /// <summary>The NAME and RING messages not sent yet.</summary>
    public ReadOnlySpan<byte> Pending => _pending.AsSpan(0, _pendingLength);

    public void Sent() => _pendingLength = 0;

    /// <summary>A new worker knows nothing yet.</summary>
    public void Clear()
    {
        _cameras.Clear();
        _rings.Clear();
        _pendingLength = 0;
    }

    public int Camera(string cameraId)
    {
        if (_cameras.TryGetValue(cameraId, out int id)) return id;
        id = _next++;
        _cameras.Add(cameraId, id);
        var body = Add(WorkerProtocol.Name, 4, cameraId);
        BinaryPrimitives.WriteInt32LittleEndian(body, id);
        return id;
    }

    public int Ring(FrameRingReader reader)
    {
        if (_rings.TryGetValue(reader.Path, out var known) && known.Pid == reader.OwnerPid
            && known.StartTime == reader.OwnerStartTime && known.Created == reader.CreatedUnixMs)
            return known.Id;
        int id = _next++;
        _rings[reader.Path] = (reader.OwnerPid, reader.OwnerStartTime, reader.CreatedUnixMs, id);
        var body = Add(WorkerProtocol.Ring, WorkerProtocol.RingNameSize, reader.Path);
        BinaryPrimitives.WriteInt32LittleEndian(body, id);
        BinaryPrimitives.WriteInt32LittleEndian(body[4..], reader.OwnerPid);
        BinaryPrimitives.WriteInt64LittleEndian(body[8..], reader.OwnerStartTime);
        BinaryPrimitives.WriteInt64LittleEndian(body[16..], reader.CreatedUnixMs);
        return id;
    }

    /// <summary>Appends a message of kind: fixed bytes (returned, for the caller to fill), then text.</summary>
    private Span<byte> Add(uint kind, int fixedBytes, string text)
    {
        int bytes = Encoding.UTF8.GetByteCount(text);
        int needed = _pendingLength + WorkerProtocol.HeaderSize + fixedBytes + bytes;
        if (needed > _pending.Length) Array.Resize(ref _pending, Math.Max(needed, _pending.Length * 2));
        var message = _pending.AsSpan(_pendingLength, needed - _pendingLength);
        BinaryPrimitives.WriteUInt32LittleEndian(message, kind);
        BinaryPrimitives.WriteUInt32LittleEndian(message[4..], (uint)(fixedBytes + bytes));
        Encoding.UTF8.GetBytes(text, message[(WorkerProtocol.HeaderSize + fixedBytes)..]);
        _pendingLength = needed;
        return message.Slice(WorkerProtocol.HeaderSize, fixedBytes);
    }
}
