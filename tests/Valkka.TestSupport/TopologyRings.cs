namespace Valkka.TestSupport;

/// <summary>
/// The rings of one test topology in /dev/shm (valkka.NAME.*): a name no other run uses, what is
/// left of them, and their removal after a killed process left some behind.
/// </summary>
public static class TopologyRings
{
    public static string NewName() => "t" + Guid.NewGuid().ToString("N")[..10];

    public static IReadOnlyList<string> Left(string topology) =>
        Directory.EnumerateFiles("/dev/shm", $"valkka.{topology}.*").ToList();

    public static void Remove(string topology)
    {
        foreach (var ring in Left(topology))
        {
            try { File.Delete(ring); } catch (IOException) { }
        }
    }
}
