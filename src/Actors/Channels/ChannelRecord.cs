namespace Valkka.Actors.Channels;

/// <summary>The first byte of each record of a channel entry (see <see cref="ChannelEncoder"/>).</summary>
internal enum ChannelRecord : byte
{
    /// <summary>Id (the next one), then UTF-8 text: later records name the string by its id.</summary>
    DefineString = 1,
    AnalyzeRequest = 2,
    MasterResult = 3,
    /// <summary>Any other message: the rest of the entry is the node serializer's bytes.</summary>
    Other = 4,
}
