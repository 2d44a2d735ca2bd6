namespace Valkka.Media.Native;

/// <summary>
/// Byte offsets of the FFmpeg 5.1 struct fields this project reads or writes
/// (libavformat 59, libavcodec 59, libavutil 57). Measured with offsetof() over the Debian 12
/// headers; the test OffsetsMatchInstalledHeadersTests recompiles that check against the
/// installed headers. Trap: AVStream in libavformat 59 has no av_class and embeds an AVPacket
/// (attached_pic) before codecpar, so codecpar is at 208, not where FFmpeg 6/7 put it.
/// </summary>
internal static class AvLayout
{
    public const int FormatContextNbStreams = 44;          // unsigned int nb_streams
    public const int FormatContextStreams = 48;            // AVStream **streams
    public const int FormatContextInterruptCallback = 200; // AVIOInterruptCB { callback, opaque }

    public const int StreamIndex = 0;                      // int index
    public const int StreamTimeBase = 16;                  // AVRational time_base
    public const int StreamAvgFrameRate = 72;              // AVRational avg_frame_rate
    public const int StreamCodecPar = 208;                 // AVCodecParameters *codecpar
    public const int StreamRFrameRate = 200;               // AVRational r_frame_rate

    public const int CodecParCodecType = 0;                // enum AVMediaType codec_type
    public const int CodecParCodecId = 4;                  // enum AVCodecID codec_id
    public const int CodecParExtradata = 16;               // uint8_t *extradata
    public const int CodecParExtradataSize = 24;           // int extradata_size
    public const int CodecParFormat = 28;                  // int format (the pixel format of a video stream)
    public const int CodecParWidth = 56;
    public const int CodecParHeight = 60;

    public const int CodecContextReorderedOpaque = 528;   // int64_t reordered_opaque, copied to the frame decoded from the packet
    public const int CodecContextSkipFrame = 692;         // enum AVDiscard skip_frame
    public const int CodecContextGlobalQuality = 68;      // int global_quality (encoders: lambda with AV_CODEC_FLAG_QSCALE)
    public const int CodecContextFlags = 76;              // int flags
    public const int CodecContextTimeBase = 100;          // AVRational time_base
    public const int CodecContextWidth = 116;
    public const int CodecContextHeight = 120;
    public const int CodecContextPixFmt = 136;            // enum AVPixelFormat pix_fmt

    public const int PacketPts = 8;
    public const int PacketDts = 16;
    public const int PacketData = 24;                      // uint8_t *data
    public const int PacketSize = 32;                      // int size
    public const int PacketStreamIndex = 36;
    public const int PacketFlags = 40;

    public const int FrameData = 0;                        // uint8_t *data[8]
    public const int FrameLinesize = 64;                   // int linesize[8]
    public const int FrameWidth = 104;
    public const int FrameHeight = 108;
    public const int FrameFormat = 116;
    public const int FramePts = 136;
    public const int FrameQuality = 168;                   // int quality (lambda the encoder uses with AV_CODEC_FLAG_QSCALE)
    public const int FrameReorderedOpaque = 200;
    public const int FrameBestEffortTimestamp = 344;

    /// <summary>Every offset above as (C struct, C field, offset), for the layout test.</summary>
    public static IReadOnlyList<(string Struct, string Field, int Offset)> All { get; } =
    [
        ("AVFormatContext", "nb_streams", FormatContextNbStreams),
        ("AVFormatContext", "streams", FormatContextStreams),
        ("AVFormatContext", "interrupt_callback", FormatContextInterruptCallback),
        ("AVStream", "index", StreamIndex),
        ("AVStream", "time_base", StreamTimeBase),
        ("AVStream", "avg_frame_rate", StreamAvgFrameRate),
        ("AVStream", "codecpar", StreamCodecPar),
        ("AVStream", "r_frame_rate", StreamRFrameRate),
        ("AVCodecParameters", "codec_type", CodecParCodecType),
        ("AVCodecParameters", "codec_id", CodecParCodecId),
        ("AVCodecParameters", "extradata", CodecParExtradata),
        ("AVCodecParameters", "extradata_size", CodecParExtradataSize),
        ("AVCodecParameters", "format", CodecParFormat),
        ("AVCodecParameters", "width", CodecParWidth),
        ("AVCodecParameters", "height", CodecParHeight),
        ("AVCodecContext", "reordered_opaque", CodecContextReorderedOpaque),
        ("AVCodecContext", "skip_frame", CodecContextSkipFrame),
        ("AVCodecContext", "global_quality", CodecContextGlobalQuality),
        ("AVCodecContext", "flags", CodecContextFlags),
        ("AVCodecContext", "time_base", CodecContextTimeBase),
        ("AVCodecContext", "width", CodecContextWidth),
        ("AVCodecContext", "height", CodecContextHeight),
        ("AVCodecContext", "pix_fmt", CodecContextPixFmt),
        ("AVPacket", "pts", PacketPts),
        ("AVPacket", "dts", PacketDts),
        ("AVPacket", "data", PacketData),
        ("AVPacket", "size", PacketSize),
        ("AVPacket", "stream_index", PacketStreamIndex),
        ("AVPacket", "flags", PacketFlags),
        ("AVFrame", "data", FrameData),
        ("AVFrame", "linesize", FrameLinesize),
        ("AVFrame", "width", FrameWidth),
        ("AVFrame", "height", FrameHeight),
        ("AVFrame", "format", FrameFormat),
        ("AVFrame", "pts", FramePts),
        ("AVFrame", "quality", FrameQuality),
        ("AVFrame", "reordered_opaque", FrameReorderedOpaque),
        ("AVFrame", "best_effort_timestamp", FrameBestEffortTimestamp),
    ];

    /// <summary>Constants from the 5.1 headers, checked by the same test.</summary>
    public static IReadOnlyList<(string Expression, long Value)> Constants { get; } =
    [
        ("AV_NOPTS_VALUE", AvConst.NoPts),
        ("AVERROR(EAGAIN)", AvConst.ErrorAgain),
        ("AVERROR(ETIMEDOUT)", AvConst.ErrorTimedOut),
        ("AVERROR_EOF", AvConst.ErrorEof),
        ("AVERROR_EXIT", AvConst.ErrorExit),
        ("AV_PIX_FMT_RGB24", AvConst.PixFmtRgb24),
        ("AVMEDIA_TYPE_VIDEO", AvConst.MediaTypeVideo),
        ("SWS_BILINEAR", AvConst.SwsBilinear),
        ("AVSEEK_FLAG_BACKWARD", AvConst.SeekFlagBackward),
        ("AV_LOG_ERROR", AvConst.LogError),
        ("AV_PKT_FLAG_KEY", AvConst.PacketFlagKey),
        ("AVDISCARD_DEFAULT", AvConst.DiscardDefault),
        ("AVDISCARD_NONREF", AvConst.DiscardNonRef),
        ("AVDISCARD_NONKEY", AvConst.DiscardNonKey),
        ("AV_CODEC_ID_MJPEG", AvConst.CodecIdMjpeg),
        ("AV_PIX_FMT_YUVJ420P", AvConst.PixFmtYuvj420p),
        ("AV_CODEC_FLAG_QSCALE", AvConst.CodecFlagQscale),
        ("FF_QP2LAMBDA", AvConst.Qp2Lambda),
        ("sizeof(AVIOInterruptCB)", 16),
        ("AV_INPUT_BUFFER_PADDING_SIZE", AvConst.InputBufferPadding),
    ];
}
