using System.Numerics;
using Akka.Actor;
using Akka.Event;
using Valkka.Actors.Flow;
using Valkka.Shm;

namespace Valkka.Actors.Cameras;

/// <summary>
/// Standalone readers (valkka.open_ring in Python, the C ABI of libvalkka.so) claim reader indices in the
/// ring itself, not over Akka, and cannot say a rate: while any holds one, the camera decodes every frame
/// (as for a subscribed reader that wants them all). Checked on the camera's tick, so a standalone reader
/// of a camera nobody else reads sees keyframes only for up to one tick.
/// </summary>
internal sealed class StandaloneReaderDemand(string cameraId, WantedRates wanted, ILoggingAdapter log)
{
    /// <summary>The key of the standalone readers' rate among the subscribed readers' (no actor has it).</summary>
    public static readonly IActorRef Key = ActorRefs.Nobody;

    /// <summary>Standalone readers on the ring at the last check.</summary>
    public int Count { get; private set; }

    public void Check(FrameRingWriter? ring)
    {
        int count = ring is null ? 0 : BitOperations.PopCount(ring.StandaloneReaders);
        if (count == Count) return;
        if (count > 0 && Count == 0)
        {
            wanted.Set(Key, double.PositiveInfinity);
            log.Info("Camera {0}: {1} standalone reader(s) on the ring: decoding every frame for them", cameraId, count);
        }
        else if (count == 0)
        {
            wanted.Remove(Key);
            log.Info("Camera {0}: no standalone reader left: decoding at the subscribed readers' rate", cameraId);
        }
        Count = count;
    }
}
