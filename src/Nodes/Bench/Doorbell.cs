namespace Valkka.Nodes.Bench;

/// <summary>
/// Prototype of a same-host notification path (not yet in the framework): a page in /dev/shm with
/// one futex word and, per camera, the newest committed (sequence, slot) packed in one 64-bit word.
/// The camera's writer publishes and wakes; a watcher thread in the client's node wakes, finds the
/// cameras with a new frame and hands each client its FrameAvailable as a local Akka message (so the
/// frame reference in an Akka message stays the contract; only the cross-process hop changes from
/// Akka.Remote over TCP to a futex). Newest wins, as with credit-less readers today.
/// </summary>
public sealed unsafe class Doorbell : IDisposable
{
    public const int MaxCameras = (4096 - 64) / 8;
    private readonly SharedPage _page;

    private Doorbell(SharedPage page) => _page = page;

    public string Path => _page.Path;
    private int* Word => (int*)_page.Base;
    private long* Entry(int camera) => (long*)(_page.Base + 64) + camera;

    public static Doorbell Create() => new(SharedPage.Create("doorbell"));
    public static Doorbell Attach(string path) => new(SharedPage.Attach(path));

    /// <summary>Writer side, right after the ring commit.</summary>
    public void Ring(int camera, int slot, long sequence)
    {
        Volatile.Write(ref *Entry(camera), (sequence << 8) | (uint)slot);
        Interlocked.Increment(ref *Word);
        LinuxWait.FutexWakeAll(Word);
    }

    /// <summary>Watcher side: blocks until the doorbell rang since <paramref name="seen"/> (or a timeout); returns the new count.</summary>
    public int Wait(int seen, TimeSpan timeout)
    {
        if (Volatile.Read(ref *Word) == seen) LinuxWait.FutexWaitWhile(Word, seen, timeout);
        return Volatile.Read(ref *Word);
    }

    public (int Slot, long Sequence) Latest(int camera)
    {
        long v = Volatile.Read(ref *Entry(camera));
        return ((int)(v & 0xFF), v >> 8);
    }

    public void Dispose() => _page.Dispose();
}
