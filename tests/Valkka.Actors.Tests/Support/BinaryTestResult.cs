using Valkka.Actors.Analysis;

namespace Valkka.Actors.Tests.Support;

/// <summary>An allowlisted result that a same-host channel writes with its own Write/Read.</summary>
public sealed record BinaryTestResult(string Label, long FrameNumber, double Score, float[] Values) : IBinaryResult<BinaryTestResult>
{
    public void Write(ref ResultWriter writer)
    {
        writer.WriteString(Label);
        writer.WriteInt64(FrameNumber);
        writer.WriteDouble(Score);
        writer.WriteSingles(Values);
    }

    public static BinaryTestResult Read(ref ResultReader reader) =>
        new(reader.ReadString(), reader.ReadInt64(), reader.ReadDouble(), reader.ReadSingles());
}
