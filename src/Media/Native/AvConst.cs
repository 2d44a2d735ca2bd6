namespace Valkka.Media.Native;

internal static class AvConst
{
    public const long NoPts = long.MinValue;
    public const int ErrorAgain = -11;
    public const int ErrorTimedOut = -110;
    public const int ErrorEof = -541478725;      // FFERRTAG('E','O','F',' ')
    public const int ErrorExit = -1414092869;     // FFERRTAG('E','X','I','T')
    public const int PixFmtRgb24 = 2;
    public const int MediaTypeVideo = 0;
    public const int SwsBilinear = 2;
    public const int SeekFlagBackward = 1;
    public const int LogError = 16;
    public const int PacketFlagKey = 1;
    public const int DiscardDefault = 0;
    public const int DiscardNonRef = 8;
    public const int DiscardNonKey = 32;
    public const int CodecIdMjpeg = 7;
    public const int PixFmtYuvj420p = 12;
    public const int CodecFlagQscale = 2;
    public const int Qp2Lambda = 118;
    public const int InputBufferPadding = 64;
}
