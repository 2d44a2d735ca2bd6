using System.Runtime.InteropServices;

namespace Valkka.Media.Native;

/// <summary>
/// The libav* functions Valkka.Media calls, bound with [LibraryImport]. Library names are
/// resolved to the supported sonames by <see cref="FFmpegLibraries"/>, which must have run
/// (<see cref="FFmpegLibraries.EnsureLoaded"/>) before any of these is called.
/// </summary>
internal static unsafe partial class Av
{
    public const string Format = "avformat";
    public const string Codec = "avcodec";
    public const string Util = "avutil";
    public const string Scale = "swscale";

    // libavformat
    [LibraryImport(Format)] public static partial int avformat_network_init();
    [LibraryImport(Format)] public static partial void* avformat_alloc_context();
    [LibraryImport(Format, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int avformat_open_input(void** ps, string url, void* fmt, void** options);
    [LibraryImport(Format)] public static partial int avformat_find_stream_info(void* ic, void** options);
    [LibraryImport(Format)] public static partial int av_find_best_stream(void* ic, int type, int wanted, int related, void** decoder, int flags);
    [LibraryImport(Format)] public static partial int av_read_frame(void* s, void* pkt);
    [LibraryImport(Format)] public static partial int av_seek_frame(void* s, int streamIndex, long timestamp, int flags);
    [LibraryImport(Format)] public static partial void avformat_close_input(void** s);

    // libavcodec
    [LibraryImport(Codec)] public static partial void* avcodec_find_decoder(int id);
    [LibraryImport(Codec)] public static partial void* avcodec_alloc_context3(void* codec);
    [LibraryImport(Codec)] public static partial int avcodec_parameters_to_context(void* ctx, void* par);
    [LibraryImport(Codec)] public static partial int avcodec_open2(void* ctx, void* codec, void** options);
    [LibraryImport(Codec)] public static partial int avcodec_send_packet(void* ctx, void* pkt);
    [LibraryImport(Codec)] public static partial int avcodec_receive_frame(void* ctx, void* frame);
    [LibraryImport(Codec)] public static partial void avcodec_flush_buffers(void* ctx);
    [LibraryImport(Codec)] public static partial void avcodec_free_context(void** ctx);
    [LibraryImport(Codec)] public static partial void* av_packet_alloc();
    [LibraryImport(Codec)] public static partial void av_packet_free(void** pkt);
    [LibraryImport(Codec)] public static partial void av_packet_unref(void* pkt);
    [LibraryImport(Codec)] public static partial void av_packet_move_ref(void* dst, void* src);
    [LibraryImport(Codec)] public static partial void* avcodec_find_encoder(int id);
    [LibraryImport(Codec)] public static partial int avcodec_send_frame(void* ctx, void* frame);
    [LibraryImport(Codec)] public static partial int avcodec_receive_packet(void* ctx, void* pkt);
    [LibraryImport(Codec)] public static partial int av_new_packet(void* pkt, int size);
    [LibraryImport(Codec)] public static partial void* avcodec_parameters_alloc();
    [LibraryImport(Codec)] public static partial void avcodec_parameters_free(void** par);

    // libavutil
    [LibraryImport(Util)] public static partial void* av_frame_alloc();
    [LibraryImport(Util)] public static partial void av_frame_free(void** frame);
    [LibraryImport(Util)] public static partial void av_frame_unref(void* frame);
    [LibraryImport(Util)] public static partial int av_frame_get_buffer(void* frame, int align);
    [LibraryImport(Util)] public static partial int av_frame_make_writable(void* frame);
    [LibraryImport(Util)] public static partial void* av_mallocz(nuint size);
    [LibraryImport(Util, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int av_dict_set(void** dict, string key, string value, int flags);
    [LibraryImport(Util)] public static partial void av_dict_free(void** dict);
    [LibraryImport(Util)] public static partial int av_strerror(int errnum, byte* buffer, nuint size);
    [LibraryImport(Util)] public static partial void av_log_set_level(int level);

    // libswscale
    [LibraryImport(Scale)]
    public static partial void* sws_getCachedContext(void* context, int srcW, int srcH, int srcFormat,
        int dstW, int dstH, int dstFormat, int flags, void* srcFilter, void* dstFilter, double* param);
    [LibraryImport(Scale)]
    public static partial int sws_scale(void* context, byte** srcSlice, int* srcStride, int srcSliceY,
        int srcSliceH, byte** dst, int* dstStride);
    [LibraryImport(Scale)] public static partial void sws_freeContext(void* context);

    /// <summary>FFmpeg's text for an error code, e.g. "Connection refused".</summary>
    public static string ErrorText(int error)
    {
        byte* buffer = stackalloc byte[256];
        if (av_strerror(error, buffer, 256) < 0) return $"error {error}";
        return Marshal.PtrToStringUTF8((nint)buffer) ?? $"error {error}";
    }
}
