using System.IO.MemoryMappedFiles;

namespace Valkka.Bench;

/// <summary>A small file in /dev/shm mapped by two benchmark processes; the creator removes it.</summary>
public sealed unsafe class SharedPage : IDisposable
{
    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private readonly bool _owner;
    private byte* _base;

    private SharedPage(string path, MemoryMappedFile file, bool owner, int size)
    {
        Path = path;
        Size = size;
        _file = file;
        _owner = owner;
        _view = file.CreateViewAccessor(0, size);
        _view.SafeMemoryMappedViewHandle.AcquirePointer(ref _base);
    }

    public string Path { get; }
    public int Size { get; }
    public byte* Base => _base;

    public static SharedPage Create(string label, int size = 4096)
    {
        var path = $"/dev/shm/vbench.{label}.{Environment.ProcessId}.{Random.Shared.Next():x8}";
        using (var fs = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.ReadWrite))
            fs.SetLength(size);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, size, MemoryMappedFileAccess.ReadWrite);
        return new SharedPage(path, file, owner: true, size);
    }

    public static SharedPage Attach(string path, int size = 4096) =>
        new(path, MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, size, MemoryMappedFileAccess.ReadWrite), owner: false, size);

    public void Dispose()
    {
        if (_base != null) { _view.SafeMemoryMappedViewHandle.ReleasePointer(); _base = null; }
        _view.Dispose();
        _file.Dispose();
        if (_owner) File.Delete(Path);
    }
}
