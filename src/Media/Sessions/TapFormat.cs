using Valkka.Media.Native;
using Valkka.Media.Sources;

namespace Valkka.Media.Sessions;

/// <summary>Reads what an <see cref="IPacketTap"/> gets out of libavformat's structs.</summary>
internal static unsafe class TapFormat
{
    public static StreamFormat Of(byte* codecPar, int tbNum, int tbDen, double nativeFps)
    {
        var size = *(int*)(codecPar + AvLayout.CodecParExtradataSize);
        var extradata = *(byte**)(codecPar + AvLayout.CodecParExtradata);
        var bytes = size > 0 && extradata != null ? new ReadOnlySpan<byte>(extradata, size).ToArray() : [];
        return new StreamFormat(*(int*)(codecPar + AvLayout.CodecParCodecId), bytes,
            *(int*)(codecPar + AvLayout.CodecParWidth), *(int*)(codecPar + AvLayout.CodecParHeight),
            *(int*)(codecPar + AvLayout.CodecParFormat), tbNum, tbDen, nativeFps);
    }

    public static void Send(IPacketTap tap, byte* packet, long streamFrameIndex, bool afterLoop)
    {
        var data = *(byte**)(packet + AvLayout.PacketData);
        var size = *(int*)(packet + AvLayout.PacketSize);
        var key = (*(int*)(packet + AvLayout.PacketFlags) & AvConst.PacketFlagKey) != 0;
        tap.Packet(data == null ? default : new ReadOnlySpan<byte>(data, size), *(long*)(packet + AvLayout.PacketPts),
            *(long*)(packet + AvLayout.PacketDts), key, streamFrameIndex, afterLoop);
    }
}
