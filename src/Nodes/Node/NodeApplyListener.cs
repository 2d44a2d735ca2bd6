using Valkka.Actors.Topology;

namespace Valkka.Nodes.Node;

/// <summary>
/// A node process's side of live changes: reads change requests from the launcher on stdin and answers
/// each on stdout once its phase is carried out. An unreadable or invalid desired state changes nothing
/// and is answered as a failure.
/// </summary>
internal sealed class NodeApplyListener(string nodeName, INodeRuntime runtime, TextReader input, Action<string> answer)
{
    /// <summary>
    /// Listens on a background thread of its own: reading stdin blocks (Console.In's async read does too),
    /// and the thread ends with the process or at the end of stdin.
    /// </summary>
    public void Start(CancellationToken stop)
    {
        var thread = new Thread(() => Listen(stop)) { IsBackground = true, Name = "valkka-changes" };
        thread.Start();
    }

    private void Listen(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            string? line;
            try { line = input.ReadLine(); }
            catch (IOException) { return; }
            if (line is null) return;
            if (!ApplyLines.TryParse(line, out ApplyRequest request)) continue;
            var failures = ApplyAsync(request).GetAwaiter().GetResult();
            answer(ApplyLines.Format(new ApplyReply(nodeName, request.Phase, request.Version, failures)));
        }
    }

    /// <summary>SIGHUP of a node run alone: its own file again, both phases here.</summary>
    public async Task ReloadAsync(string file, IReadOnlyDictionary<string, int> ports, int version)
    {
        var failures = new List<string>();
        foreach (var phase in new[] { ApplyPhase.Stop, ApplyPhase.Start })
            failures.AddRange(await ApplyAsync(new ApplyRequest(phase, version, file, Path.GetFullPath(file), ports)).ConfigureAwait(false));
        Console.Error.WriteLine(failures.Count == 0
            ? $"[{nodeName}] reloaded {file}"
            : $"[{nodeName}] reloaded {file} with problems: {string.Join("; ", failures)}");
    }

    private async Task<IReadOnlyList<string>> ApplyAsync(ApplyRequest request)
    {
        string text;
        try { text = await File.ReadAllTextAsync(request.File).ConfigureAwait(false); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [$"cannot read {request.File}: {e.Message}"];
        }
        var loaded = TopologyLoader.LoadText(text, runtime.Topology.Name, request.SourcePath,
            new ValidationScope { Nodes = [nodeName], CheckPorts = false }, t => t.WithPorts(request.Ports));
        if (loaded.Topology is null) return loaded.Errors.Select(e => $"version {request.Version}: {e}").ToList();
        Console.Error.WriteLine($"[{nodeName}] applying version {request.Version} ({request.Phase.ToString().ToLowerInvariant()} phase)");
        return await runtime.ApplyAsync(request.Phase, loaded.Topology).ConfigureAwait(false);
    }
}
