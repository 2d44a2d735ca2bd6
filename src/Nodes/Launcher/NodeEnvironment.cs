using System.Diagnostics;

namespace Valkka.Nodes.Launcher;

/// <summary>
/// What a node process gets in its environment from the launcher beyond the launcher's own. glibc gives each thread
/// that allocates one of up to 8 x cores malloc arenas; the JIT's background worker, which ends after 4 s idle and
/// starts again at the next method to compile, and restarted parts' threads land in one arena after another, and what
/// each freed stays resident there: a node's RSS rose in 1-3 MiB steps for the first half hour and a restarted face
/// master's by about 1 MiB per restart. Two arenas keep that memory in use (docs/RELIABILITY.md, "What grows").
/// An operator's own MALLOC_ARENA_MAX is kept.
/// </summary>
public static class NodeEnvironment
{
    public const string ArenaMaxVariable = "MALLOC_ARENA_MAX";
    public const string ArenaMax = "2";

    /// <summary>Sets the node's variables in info unless the launcher's environment (launcherValue) already names them.</summary>
    public static void Apply(ProcessStartInfo info, string? launcherValue)
    {
        if (string.IsNullOrEmpty(launcherValue)) info.Environment[ArenaMaxVariable] = ArenaMax;
    }
}
