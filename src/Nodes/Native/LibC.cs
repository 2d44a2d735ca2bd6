using System.Runtime.InteropServices;

namespace Valkka.Nodes.Native;

internal static partial class LibC
{
    public const int SIGKILL = 9;
    public const int SIGTERM = 15;

    [LibraryImport("libc", SetLastError = true)]
    public static partial int kill(int pid, int signal);
}
