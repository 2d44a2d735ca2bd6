using System.Diagnostics;
using Valkka.Media.Sessions;
using Valkka.Media.Sources;

namespace Valkka.Media.Tests.Support;

/// <summary>A packet tap that keeps when each packet reached it.</summary>
internal sealed class ArrivalTap : IPacketTap
{
    private readonly List<long> _arrivals = [];

    public bool Active => true;

    public IReadOnlyList<TimeSpan> Arrivals
    {
        get
        {
            lock (_arrivals) return _arrivals.Select(t => Stopwatch.GetElapsedTime(_arrivals[0], t)).ToList();
        }
    }

    public void StreamOpened(StreamFormat format) { }

    public void StreamEnded() { }

    public void Packet(ReadOnlySpan<byte> data, long pts, long dts, bool key, long streamFrameIndex, bool afterLoop)
    {
        lock (_arrivals) _arrivals.Add(Stopwatch.GetTimestamp());
    }
}
