namespace Valkka.Chaos.Soak;

/// <summary>
/// One node at one moment of a soak; ShmBytes is the whole topology's rings (they are shared);
/// ThreadsStarted: the threads it started since the previous sample, by name (<see cref="ThreadStarts"/>);
/// ThreadsByName: the threads it has, by name (<see cref="ThreadNames"/>).
/// </summary>
public sealed record SoakSample(TimeSpan At, string Node, int Pid, long RssBytes, int OpenFds, int Threads, long GcHeapBytes, long ShmBytes,
    IReadOnlyDictionary<string, int> ThreadsStarted, IReadOnlyDictionary<string, int> ThreadsByName);
