namespace Valkka.Nodes.Control;

/// <summary>
/// The desired states a launcher's node processes read (on a change, and when one restarts after it): one
/// file per version in a folder only the user can open (camera URLs may hold passwords); removed at the end.
/// </summary>
internal sealed class DesiredStateFiles : IDisposable
{
    private readonly string _folder = Path.Combine(ControlSocketPath.Folder(), $"run-{Environment.ProcessId}");

    public DesiredStateFiles() => Directory.CreateDirectory(_folder);

    /// <summary>The file of state's version, written when missing.</summary>
    public string Write(DesiredState state)
    {
        var path = Path.Combine(_folder, $"topology-v{state.Version}.conf");
        if (File.Exists(path)) return path;
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var writer = new StreamWriter(path, options)) writer.Write(state.Text);
        return path;
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { }
    }
}
