using System.Globalization;

namespace Valkka.TestSupport;

/// <summary>
/// Writes bytes into a file from another process (dd, conv=notrunc): what a stray or hostile program
/// does to a ring in /dev/shm while its owner and readers map it.
/// </summary>
public static class ForeignWrite
{
    public static void At(string path, long offset, byte[] bytes)
    {
        var source = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(source, bytes);
            ChildProcess.Run("dd", [$"if={source}", $"of={path}", "bs=1", $"seek={offset.ToString(CultureInfo.InvariantCulture)}",
                "conv=notrunc", "status=none"], TimeSpan.FromMinutes(1)).ThrowIfFailed();
        }
        finally
        {
            File.Delete(source);
        }
    }

    public static void At(string path, long offset, long value) => At(path, offset, BitConverter.GetBytes(value));
}
