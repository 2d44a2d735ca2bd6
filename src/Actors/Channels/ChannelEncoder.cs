using Akka.Actor;
using Valkka.Actors.Analysis;
using Valkka.Actors.Messages;
using Serializer = Akka.Serialization.Serializer;

namespace Valkka.Actors.Channels;

/// <summary>
/// Writes messages as channel entries: zero or more string definitions, then one message record.
/// AnalyzeRequest and MasterResult get a fixed layout with their strings (ids, paths, the result's
/// type name) interned: a string's first entry defines it, later entries carry its id. Any other
/// message is the node serializer's bytes. One thread uses an encoder; its entries must reach the
/// <see cref="ChannelDecoder"/> in order and none lost, or ids would name nothing.
/// </summary>
internal sealed class ChannelEncoder(Serializer serializer)
{
    private readonly Dictionary<string, int> _stringIds = new(StringComparer.Ordinal);
    private readonly List<string> _definedInEntry = [];
    private readonly Dictionary<IActorRef, string> _actorPaths = [];
    private readonly Dictionary<Type, (string Name, BinaryResultWrite? Write)> _resultTypes = [];

    /// <summary>Strings defined in entries sent so far.</summary>
    public int DefinedStrings => _stringIds.Count;

    /// <summary>
    /// Writes the message into entry. False when it does not fit: the strings it would have
    /// defined are forgotten again, as if it had never been encoded.
    /// </summary>
    public bool TryEncode(object message, Span<byte> entry, out int length)
    {
        _definedInEntry.Clear();
        var writer = new ResultWriter(entry);
        try
        {
            switch (message)
            {
                case AnalyzeRequest request when HasEveryPart(request):
                    WriteRequest(ref writer, request);
                    break;
                case MasterResult result when HasEveryPart(result):
                    WriteResult(ref writer, result);
                    break;
                default:
                    writer.WriteByte((byte)ChannelRecord.Other);
                    writer.WriteBytes(serializer.ToBinary(message));
                    break;
            }
        }
        catch (ResultWriterFullException)
        {
            Rollback();
            length = 0;
            return false;
        }
        catch
        {
            Rollback();
            throw;
        }
        length = writer.Position;
        return true;
    }

    /// <summary>The entry last encoded is not sent after all: forget the strings it defined.</summary>
    public void Rollback()
    {
        foreach (var value in _definedInEntry) _stringIds.Remove(value);
        _definedInEntry.Clear();
    }

    private void WriteRequest(ref ResultWriter writer, AnalyzeRequest request)
    {
        var frame = request.Frame;
        int client = Intern(ref writer, request.ClientId);
        int camera = Intern(ref writer, frame.CameraId);
        int ring = Intern(ref writer, frame.Ring);
        int owner = Intern(ref writer, PathOf(request.RingOwner));
        writer.WriteByte((byte)ChannelRecord.AnalyzeRequest);
        writer.WriteLength(client);
        writer.WriteLength(camera);
        writer.WriteLength(ring);
        writer.WriteInt32(frame.Slot);
        writer.WriteInt64(frame.Sequence);
        writer.WriteInt64(frame.TimestampMs);
        writer.WriteInt32(frame.Width);
        writer.WriteInt32(frame.Height);
        writer.WriteInt64(frame.StreamFrameIndex);
        writer.WriteLength(owner);
        writer.WriteInt64(request.SourceSequence);
    }

    private void WriteResult(ref ResultWriter writer, MasterResult result)
    {
        var (typeName, write) = ResultTypeOf(result.Result);
        int client = Intern(ref writer, result.ClientId);
        int camera = Intern(ref writer, result.CameraId);
        int type = write is null ? 0 : Intern(ref writer, typeName);
        writer.WriteByte((byte)ChannelRecord.MasterResult);
        writer.WriteLength(client);
        writer.WriteLength(camera);
        writer.WriteInt64(result.Sequence);
        if (write is null)
        {
            writer.WriteByte((byte)ResultEncoding.Serialized);
            var bytes = serializer.ToBinary(result.Result);
            writer.WriteLength(bytes.Length);
            writer.WriteBytes(bytes);
            return;
        }
        writer.WriteByte((byte)ResultEncoding.Binary);
        writer.WriteLength(type);
        write(result.Result, ref writer);
    }

    private int Intern(ref ResultWriter writer, string value)
    {
        if (_stringIds.TryGetValue(value, out int id)) return id;
        id = _stringIds.Count;
        _stringIds.Add(value, id);
        _definedInEntry.Add(value);
        writer.WriteByte((byte)ChannelRecord.DefineString);
        writer.WriteLength(id);
        writer.WriteString(value);
        return id;
    }

    private string PathOf(IActorRef actor)
    {
        if (!_actorPaths.TryGetValue(actor, out var path))
        {
            path = Akka.Serialization.Serialization.SerializedActorPath(actor);
            _actorPaths.Add(actor, path);
        }
        return path;
    }

    private (string Name, BinaryResultWrite? Write) ResultTypeOf(IAnalysisResult result)
    {
        var type = result.GetType();
        if (!_resultTypes.TryGetValue(type, out var encoding))
        {
            encoding = (type.AssemblyQualifiedName!, BinaryResultMethods.IsBinaryResult(type) ? BinaryResultMethods.WriterFor(type) : null);
            _resultTypes.Add(type, encoding);
        }
        return encoding;
    }

    // The records are typed non-null, but a null would only show up here; the serializer copes with it.
    private static bool HasEveryPart(AnalyzeRequest r) =>
        r is { ClientId: not null, RingOwner: not null, Frame: { CameraId: not null, Ring: not null } };

    private static bool HasEveryPart(MasterResult r) => r is { ClientId: not null, CameraId: not null, Result: not null };
}
