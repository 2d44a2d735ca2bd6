namespace Valkka.Media;

/// <summary>Counters shared between a decoder's thread and its readers.</summary>
internal sealed class DecoderStats
{
    public long Decoded;
    public long Dropped;
}
