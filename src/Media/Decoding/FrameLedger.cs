namespace Valkka.Media.Decoding;

/// <summary>
/// Remembers the packets sent to the decoder that have not come out yet and at which level they
/// were sent. One that never comes out (a later packet reuses its place, or the decoder was
/// drained) was skipped on purpose when libavcodec was asked to skip non-reference frames, else it is lost
/// (a keyframe sent at the Keyframes level is meant to come out), or discarded behind real time when the
/// decoder was flushed to skip to the newest keyframe.
/// </summary>
internal sealed class FrameLedger(DecoderStats stats)
{
    private const int Capacity = 64;   // more than any decoder delay (reorder depth + frame threads)
    private readonly DecodeMode[] _pending = new DecodeMode[Capacity];
    private readonly long[] _index = new long[Capacity];
    private readonly bool[] _used = new bool[Capacity];

    public void Sent(long index, DecodeMode level)
    {
        var i = (int)(index % Capacity);
        if (_used[i]) Forget(i);
        (_pending[i], _index[i], _used[i]) = (level, index, true);
    }

    /// <summary>The frame of this packet came out; false if the ledger does not know it.</summary>
    public bool CameOut(long index)
    {
        var i = (int)(index % Capacity);
        if (index < 0 || !_used[i] || _index[i] != index) return false;
        _used[i] = false;
        return true;
    }

    /// <summary>The decoder was drained (or flushed, <paramref name="behind"/>: to skip to the newest keyframe): whatever did not come out never will.</summary>
    public void Settle(bool behind = false)
    {
        for (var i = 0; i < Capacity; i++)
            if (_used[i]) Forget(i, behind);
    }

    private void Forget(int i, bool behind = false)
    {
        _used[i] = false;
        if (_pending[i] == DecodeMode.Reference) Interlocked.Increment(ref stats.NotDecoded);
        else if (behind) Interlocked.Increment(ref stats.DiscardedBehind);
        else Interlocked.Increment(ref stats.Lost);
    }
}
