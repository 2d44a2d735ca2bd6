using System.Collections;
using System.Reflection;
using Akka.Actor;

namespace Valkka.Actors.Tests.Support;

/// <summary>
/// How many threads hold Akka.Remote's thread-local caches in one ActorSystem (internal types, read by
/// reflection): <c>ActorRefResolveThreadLocalCache</c> and <c>ActorPathThreadLocalCache</c>, a ThreadLocal
/// of an LRU cache each, built by every thread that decodes an inbound message.
/// </summary>
public static class RemotingCaches
{
    public const string RefCache = "Akka.Remote.Serialization.ActorRefResolveThreadLocalCache, Akka.Remote";
    public const string PathCache = "Akka.Remote.Serialization.ActorPathThreadLocalCache, Akka.Remote";

    /// <summary>The threads that have built the cache of that extension type in the system.</summary>
    public static int Threads(ActorSystem system, string extensionType)
    {
        var type = Type.GetType(extensionType, throwOnError: true)!;
        if (!system.TryGetExtension(type, out object? extension) || extension is null) return 0;
        object threadLocal = type.GetField("_current", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(extension)!;
        // ThreadLocal keeps every thread's value in a list (to clear them when disposed); its debug view reads it.
        var values = (IEnumerable)threadLocal.GetType()
            .GetProperty("ValuesForDebugDisplay", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(threadLocal)!;
        return values.Cast<object?>().Count(v => v is not null);
    }
}
