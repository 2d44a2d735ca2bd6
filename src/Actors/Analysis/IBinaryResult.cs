namespace Valkka.Actors.Analysis;

/// <summary>
/// Opt-in for a result type that crosses same-host channels often: instead of the serializer
/// (type manifests, a MemoryStream per message) the channel calls <see cref="Write"/> into the
/// shared-memory entry and <see cref="Read"/> on the other end. Read must return what Write
/// wrote, field by field, in the same order. The type must still be on the serializer's allowlist
/// (an IAnalysisResult of an analyzer assembly) and stay serializable for Akka.Remote, which
/// carries it between hosts.
/// </summary>
public interface IBinaryResult<TSelf> : IAnalysisResult where TSelf : IBinaryResult<TSelf>
{
    void Write(ref ResultWriter writer);

    static abstract TSelf Read(ref ResultReader reader);
}
