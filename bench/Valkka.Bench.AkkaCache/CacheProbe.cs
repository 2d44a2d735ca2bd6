using System.Collections;
using System.Reflection;
using Akka.Actor;

namespace Valkka.Bench.AkkaCache;

/// <summary>How many per-thread caches one of Akka.Remote's thread-local cache extensions holds, and their entries.</summary>
public readonly record struct CacheFill(int Caches, int Entries);

/// <summary>
/// Reads Akka.Remote's thread-local caches of one ActorSystem by reflection (they are internal):
/// <c>ActorRefResolveThreadLocalCache</c> (path with uid to actor ref) and <c>ActorPathThreadLocalCache</c>
/// (path string to ActorPath), each a <c>ThreadLocal</c> of an LRU cache of 1,024 entries. The
/// ThreadLocal does not track its values for callers, so its internal debug list of every thread's value is read.
/// </summary>
public sealed class CacheProbe(ActorSystem system)
{
    public const string RefCache = "Akka.Remote.Serialization.ActorRefResolveThreadLocalCache, Akka.Remote";
    public const string PathCache = "Akka.Remote.Serialization.ActorPathThreadLocalCache, Akka.Remote";

    public CacheFill Read(string extensionType)
    {
        var type = Type.GetType(extensionType, throwOnError: true)!;
        if (!system.TryGetExtension(type, out object? extension) || extension is null) return new CacheFill(0, 0);
        object threadLocal = type.GetField("_current", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(extension)
            ?? throw new InvalidOperationException($"{type.Name} has no ThreadLocal");
        var values = (IEnumerable?)threadLocal.GetType()
            .GetProperty("ValuesForDebugDisplay", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(threadLocal);
        int caches = 0, entries = 0;
        foreach (object? cache in values ?? Array.Empty<object>())
        {
            if (cache is null) continue;
            caches++;
            object stats = cache.GetType().GetProperty("Stats")!.GetValue(cache)!;
            entries += (int)stats.GetType().GetProperty("Entries")!.GetValue(stats)!;
        }
        return new CacheFill(caches, entries);
    }
}
