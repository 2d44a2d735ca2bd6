using System.IO.MemoryMappedFiles;

namespace Valkka.Shm.TestProcess;

/// <summary>
/// The test's announcement channel: the writer appends (slot, sequence) for every committed frame to
/// a shared file, then publishes the count; readers poll the count. Layout: count (8 bytes),
/// done flag (8), padding to 64, then 16 bytes an entry.
/// </summary>
public sealed unsafe class AnnouncementLog : IDisposable
{
    private const int HeaderSize = 64;
    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private readonly byte* _base;

    private AnnouncementLog(MemoryMappedFile file, long capacity)
    {
        _file = file;
        Capacity = capacity;
        _view = file.CreateViewAccessor(0, HeaderSize + capacity * 16);
        byte* pointer = null;
        _view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        _base = pointer + _view.PointerOffset;
    }

    public long Capacity { get; }

    public static AnnouncementLog Create(string path, long capacity)
    {
        var file = MemoryMappedFile.CreateFromFile(path, FileMode.CreateNew, null, HeaderSize + capacity * 16);
        return new AnnouncementLog(file, capacity);
    }

    public static AnnouncementLog Open(string path)
    {
        long length = new FileInfo(path).Length;
        var file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0);
        return new AnnouncementLog(file, (length - HeaderSize) / 16);
    }

    public long Count => Volatile.Read(ref *(long*)_base);

    public bool Done => Volatile.Read(ref *(long*)(_base + 8)) != 0;

    public void Append(int slot, long sequence)
    {
        long count = *(long*)_base;
        long* entry = (long*)(_base + HeaderSize + count * 16);
        entry[0] = slot;
        entry[1] = sequence;
        Volatile.Write(ref *(long*)_base, count + 1);
    }

    public void MarkDone() => Volatile.Write(ref *(long*)(_base + 8), 1);

    public (int Slot, long Sequence) this[long index]
    {
        get
        {
            long* entry = (long*)(_base + HeaderSize + index * 16);
            return ((int)entry[0], entry[1]);
        }
    }

    public void Dispose()
    {
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _file.Dispose();
    }
}
