using Valkka.Actors.Analysis;

namespace Valkka.Actors.Tests.Support;

/// <summary>
/// A binary result the serializer's allowlist does not hold: it takes the IAnalysisResult classes of
/// an analyzer assembly, and this is a struct.
/// </summary>
public readonly record struct UnlistedBinaryResult(int Value) : IBinaryResult<UnlistedBinaryResult>
{
    public void Write(ref ResultWriter writer) => writer.WriteInt32(Value);

    public static UnlistedBinaryResult Read(ref ResultReader reader) => new(reader.ReadInt32());
}
