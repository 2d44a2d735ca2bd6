using Valkka.Actors.Analysis;

namespace Valkka.Samples;

/// <summary>
/// Frame differencing on a downscaled grey copy of one camera's frames. The two grey buffers are
/// kept between frames and reallocated only when the frame size changes: no per-frame allocation.
/// The first frame (and the first after a size change) counts as all motion: everything is new.
/// </summary>
public sealed class MotionGrid
{
    private byte[] _previous = [];
    private byte[] _current = [];
    private bool _hasPrevious;

    public MotionGrid(int downscale, int pixelThreshold)
    {
        if (downscale < 1) throw new ArgumentOutOfRangeException(nameof(downscale), downscale, "must be >= 1");
        if (pixelThreshold is < 0 or > 255)
            throw new ArgumentOutOfRangeException(nameof(pixelThreshold), pixelThreshold, "must be within 0..255");
        Downscale = downscale;
        PixelThreshold = pixelThreshold;
    }

    public int Downscale { get; }
    public int PixelThreshold { get; }
    public int GridWidth { get; private set; }
    public int GridHeight { get; private set; }

    /// <summary>Fraction (0..1) of grid cells whose grey level changed by more than the threshold.</summary>
    public double Update(in FrameView frame)
    {
        var gw = Math.Max(1, frame.Width / Downscale);
        var gh = Math.Max(1, frame.Height / Downscale);
        if (gw != GridWidth || gh != GridHeight)
        {
            GridWidth = gw;
            GridHeight = gh;
            _previous = new byte[gw * gh];
            _current = new byte[gw * gh];
            _hasPrevious = false;
        }

        Shrink(frame, _current, gw, gh);
        double fraction;
        if (_hasPrevious)
        {
            var changed = 0;
            var prev = _previous;
            var cur = _current;
            for (var i = 0; i < cur.Length; i++)
                if (Math.Abs(cur[i] - prev[i]) > PixelThreshold) changed++;
            fraction = (double)changed / cur.Length;
        }
        else
        {
            fraction = 1.0;
        }

        (_previous, _current) = (_current, _previous);
        _hasPrevious = true;
        return fraction;
    }

    /// <summary>Forgets the previous frame (the next one counts as all motion).</summary>
    public void Reset() => _hasPrevious = false;

    private void Shrink(in FrameView frame, byte[] grey, int gw, int gh)
    {
        var (bpp, ro, go, bo) = FramePixels.Layout(frame);
        var f = Math.Min(Downscale, Math.Min(frame.Width, frame.Height));
        var area = f * f;
        for (var gy = 0; gy < gh; gy++)
        {
            for (var gx = 0; gx < gw; gx++)
            {
                var sum = 0;
                for (var dy = 0; dy < f; dy++)
                {
                    var row = frame.Row(gy * f + dy);
                    var i = gx * f * bpp;
                    for (var dx = 0; dx < f; dx++, i += bpp)
                        sum += (77 * row[i + ro] + 150 * row[i + go] + 29 * row[i + bo]) >> 8;
                }
                grey[gy * gw + gx] = (byte)(sum / area);
            }
        }
    }
}
