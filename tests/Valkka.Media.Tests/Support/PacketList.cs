using System.Globalization;

namespace Valkka.Media.Tests.Support;

/// <summary>
/// A clip's video packets in decode order as ffprobe lists them: pts and key flag. A stream frame
/// index (the packet's ordinal) maps to the frame's place in presentation order, the order in
/// which the ffmpeg CLI writes decoded frames.
/// </summary>
internal sealed class PacketList
{
    private readonly long[] _pts;
    private readonly long[] _sortedPts;

    private PacketList(long[] pts, bool[] key)
    {
        _pts = pts;
        Key = key;
        _sortedPts = pts.Order().ToArray();
    }

    public bool[] Key { get; }
    public int Count => _pts.Length;
    public int KeyCount => Key.Count(k => k);

    public int PresentationIndex(long streamIndex) => Array.BinarySearch(_sortedPts, _pts[streamIndex]);

    /// <summary>Frames shown before the first keyframe: a clip cut between keyframes starts with them, and the decoder cannot make them.</summary>
    public int Leading => _pts.Count(p => p < _pts[Array.IndexOf(Key, true)]);

    public static PacketList Of(string clip)
    {
        var probe = ChildProcess.Run("ffprobe", ["-v", "error", "-select_streams", "v:0", "-show_entries", "packet=pts,flags",
            "-of", "csv=p=0", clip], TimeSpan.FromMinutes(2));
        probe.ThrowIfFailed();
        var rows = probe.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Trim().Split(',')).ToList();
        return new PacketList(rows.Select(r => long.Parse(r[0], CultureInfo.InvariantCulture)).ToArray(),
                              rows.Select(r => r[1].Contains('K')).ToArray());
    }
}
