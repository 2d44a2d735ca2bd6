namespace Valkka.Actors.Topology;

/// <summary>Thrown when a topology file has errors; carries all of them, not only the first.</summary>
public sealed class TopologyException(string file, IReadOnlyList<TopologyError> errors)
    : Exception($"{file}: {errors.Count} error(s) in topology:{Environment.NewLine}  " +
                string.Join(Environment.NewLine + "  ", errors))
{
    public string File { get; } = file;
    public IReadOnlyList<TopologyError> Errors { get; } = errors;
}
