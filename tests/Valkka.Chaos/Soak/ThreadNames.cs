namespace Valkka.Chaos.Soak;

/// <summary>A process's threads by name (/proc/PID/task/TID/comm), to tell which threads make up a change in its count.</summary>
public static class ThreadNames
{
    /// <summary>How many threads of pid have each name now; null when the process is gone.</summary>
    public static Dictionary<string, int>? Of(int pid)
    {
        if (Tasks(pid) is not { } tasks) return null;
        var byName = new Dictionary<string, int>();
        foreach (var tid in tasks)
            if (Of(pid, tid) is { } name)
                byName[name] = byName.GetValueOrDefault(name) + 1;
        return byName;
    }

    /// <summary>The thread ids of pid now; null when the process is gone.</summary>
    public static HashSet<int>? Tasks(int pid)
    {
        try
        {
            return Directory.EnumerateDirectories($"/proc/{pid}/task").Select(d => int.Parse(Path.GetFileName(d))).ToHashSet();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The name of thread tid of pid; null when it ended before the look (it lived all the same).</summary>
    public static string? Of(int pid, int tid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/task/{tid}/comm").TrimEnd('\n');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The names whose count differs from before to after, with the change ("+1 .NET BGC"), largest change first.</summary>
    public static string Difference(IReadOnlyDictionary<string, int> before, IReadOnlyDictionary<string, int> after)
    {
        var changes = before.Keys.Union(after.Keys)
            .Select(name => (Name: name, Change: after.GetValueOrDefault(name) - before.GetValueOrDefault(name)))
            .Where(c => c.Change != 0)
            .OrderByDescending(c => Math.Abs(c.Change)).ThenBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => $"{c.Change:+0;-0} {c.Name}");
        return string.Join(", ", changes) is { Length: > 0 } text ? text : "no change";
    }
}
