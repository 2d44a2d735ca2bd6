using System.Security.Cryptography;
using System.Text;

namespace Valkka.Nodes.Control;

/// <summary>
/// Where a running `valkka run` listens for `valkka apply`: a Unix socket in a folder only its user can
/// open ($XDG_RUNTIME_DIR/valkka, else /tmp/valkka-USER), named by the topology and this host's identity
/// (hosts played by network namespaces share /tmp).
/// </summary>
public static class ControlSocketPath
{
    public static string For(string topologyName, string hostIdentity)
    {
        var host = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(hostIdentity)))[..12];
        return Path.Combine(Folder(), $"{topologyName}-{host}.sock");
    }

    /// <summary>The folder, created mode 0700 when missing.</summary>
    public static string Folder()
    {
        var runtime = Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR");
        var folder = string.IsNullOrEmpty(runtime) || !Directory.Exists(runtime)
            ? Path.Combine(Path.GetTempPath(), $"valkka-{Environment.UserName}")
            : Path.Combine(runtime, "valkka");
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(folder);
        else Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return folder;
    }
}
