using Akka.Actor;
using Akka.Event;
using Valkka.Actors.Analysis;
using Valkka.Actors.Messages;
using Valkka.Actors.Security;
using Serializer = Akka.Serialization.Serializer;

namespace Valkka.Actors.Channels;

/// <summary>
/// Reads the entries of one <see cref="ChannelEncoder"/>, in order. Keeps the strings they defined
/// and hands out the same instances each time, each actor path resolved once and each binary result
/// type checked and bound once. One thread uses a decoder.
/// </summary>
internal sealed class ChannelDecoder
{
    private readonly ExtendedActorSystem _system;
    private readonly Serializer _serializer;
    private readonly TypeAllowlist _allowlist;
    private readonly ILoggingAdapter _log;
    private readonly string _channel;
    // Indexed by string id; the other two lists are filled on first use of the string as an actor or a type.
    private readonly List<string> _strings = [];
    private readonly List<IActorRef?> _actors = [];
    private readonly List<BinaryResultRead?> _resultReaders = [];

    public ChannelDecoder(ActorSystem system, ILoggingAdapter log, string channel)
    {
        _system = (ExtendedActorSystem)system;
        _serializer = system.Serialization.FindSerializerForType(typeof(object));
        _allowlist = (_serializer as ValkkaSerializer)?.Allowlist
            ?? throw new InvalidOperationException($"Channel {channel}: the node's serializer is not the {nameof(ValkkaSerializer)}.");
        _log = log;
        _channel = channel;
    }

    public IReadOnlyList<string> Strings => _strings;

    /// <summary>The entry's message; null when it cannot be read (logged, the entry is dropped).</summary>
    public object? Decode(ReadOnlySpan<byte> entry)
    {
        try
        {
            return Read(entry);
        }
        catch (RejectedTypeException)
        {
            return null; // the serializer logged it, naming the type
        }
        catch (Exception e)
        {
            _log.Error(e, "Channel {0}: an entry could not be read as a message; dropped", _channel);
            return null;
        }
    }

    private object? Read(ReadOnlySpan<byte> entry)
    {
        var reader = new ResultReader(entry);
        while (true)
        {
            var record = (ChannelRecord)reader.ReadByte();
            switch (record)
            {
                case ChannelRecord.DefineString:
                    Define(ref reader);
                    break;
                case ChannelRecord.AnalyzeRequest:
                    return ReadRequest(ref reader);
                case ChannelRecord.MasterResult:
                    return ReadResult(ref reader);
                case ChannelRecord.Other:
                    return _serializer.FromBinary(reader.ReadBytes(reader.Remaining).ToArray(), typeof(object));
                default:
                    throw new InvalidDataException($"unknown record kind {(byte)record} at offset {reader.Position - 1}");
            }
        }
    }

    private void Define(ref ResultReader reader)
    {
        int id = reader.ReadLength();
        if (id != _strings.Count) throw new InvalidDataException($"string {id} defined where string {_strings.Count} was due");
        _strings.Add(reader.ReadString());
        _actors.Add(null);
        _resultReaders.Add(null);
    }

    private AnalyzeRequest ReadRequest(ref ResultReader reader)
    {
        string client = StringOf(reader.ReadLength());
        var frame = new FrameRef(
            CameraId: StringOf(reader.ReadLength()),
            Ring: StringOf(reader.ReadLength()),
            Slot: reader.ReadInt32(),
            Sequence: reader.ReadInt64(),
            TimestampMs: reader.ReadInt64(),
            Width: reader.ReadInt32(),
            Height: reader.ReadInt32(),
            StreamFrameIndex: reader.ReadInt64());
        var owner = ActorOf(reader.ReadLength());
        return new AnalyzeRequest(client, frame, owner, reader.ReadInt64());
    }

    private MasterResult? ReadResult(ref ResultReader reader)
    {
        string client = StringOf(reader.ReadLength());
        string camera = StringOf(reader.ReadLength());
        long sequence = reader.ReadInt64();
        IAnalysisResult result;
        switch ((ResultEncoding)reader.ReadByte())
        {
            case ResultEncoding.Binary:
                var read = ResultReaderOf(reader.ReadLength());
                if (read is null) return null;
                result = read(ref reader);
                break;
            case ResultEncoding.Serialized:
                var bytes = reader.ReadBytes(reader.ReadLength()).ToArray();
                result = (IAnalysisResult)_serializer.FromBinary(bytes, typeof(object));
                break;
            default:
                throw new InvalidDataException($"unknown result encoding at offset {reader.Position - 1}");
        }
        return new MasterResult(client, camera, sequence, result);
    }

    private string StringOf(int id) => _strings[Checked(id)];

    private IActorRef ActorOf(int id) => _actors[Checked(id)] ??= _system.Provider.ResolveActorRef(_strings[id]);

    /// <summary>The reader of the type named by string id; null (logged) when the type is refused.</summary>
    private BinaryResultRead? ResultReaderOf(int id) => _resultReaders[Checked(id)] ??= BindResultReader(_strings[id]);

    private int Checked(int id) => (uint)id < (uint)_strings.Count ? id : throw new InvalidDataException($"string {id} was never defined");

    private BinaryResultRead? BindResultReader(string typeName)
    {
        // The name first, so that nothing off the allowlist is even loaded.
        if (!_allowlist.IsAllowed(typeName)) return Refuse(new RejectedTypeException(typeName).Message);
        var type = Type.GetType(typeName, throwOnError: false);
        if (type is null) return Refuse($"result type '{typeName}' is not known in this process.");
        if (!_allowlist.Contains(type)) return Refuse(new RejectedTypeException(typeName).Message);
        if (!BinaryResultMethods.IsBinaryResult(type))
            return Refuse($"result type '{typeName}' does not implement IBinaryResult<{type.Name}>.");
        return BinaryResultMethods.ReaderFor(type);
    }

    private BinaryResultRead? Refuse(string problem)
    {
        _log.Error("Channel {0}: {1} The entry is dropped.", _channel, problem);
        return null;
    }
}
