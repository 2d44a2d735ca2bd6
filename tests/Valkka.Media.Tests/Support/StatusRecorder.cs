using Valkka.Media.Decoding;
using Valkka.Media.Sessions;

namespace Valkka.Media.Tests.Support;

/// <summary>Records every status a decoder raises, for waits and assertions.</summary>
internal sealed class StatusRecorder
{
    private readonly object _gate = new();
    private readonly List<CameraStatus> _seen = new();

    public StatusRecorder(CameraDecoder decoder) => decoder.StatusChanged += s => { lock (_gate) _seen.Add(s); };

    public IReadOnlyList<CameraStatus> Seen { get { lock (_gate) return _seen.ToList(); } }

    public int Count(CameraState state) => Seen.Count(s => s.State == state);

    public CameraStatus? First(CameraState state, int after = 0) => Seen.Skip(after).FirstOrDefault(s => s.State == state);

    public string Describe() => string.Join(" | ", Seen.Select(s => $"{s.State}: {s.Reason}"));
}
