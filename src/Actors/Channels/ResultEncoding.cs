namespace Valkka.Actors.Channels;

/// <summary>How a MasterResult record carries its IAnalysisResult.</summary>
internal enum ResultEncoding : byte
{
    /// <summary>The id of the type's name, then what its IBinaryResult.Write wrote (to the end of the entry).</summary>
    Binary = 1,
    /// <summary>A length, then the node serializer's bytes.</summary>
    Serialized = 2,
}
