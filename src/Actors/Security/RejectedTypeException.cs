using Valkka.Actors.Analysis;

namespace Valkka.Actors.Security;

/// <summary>A payload named a type outside the serializer's allowlist; nothing of it was loaded.</summary>
public sealed class RejectedTypeException(string typeName, Exception? inner = null)
    : Exception($"Refused to deserialize a message naming type '{typeName}': it is not on the Valkka serializer's allowlist " +
                "(project messages, IAnalysisResult types of the analyzer assemblies, safe primitives and collections).", inner)
{
    public string TypeName { get; } = typeName;
}
