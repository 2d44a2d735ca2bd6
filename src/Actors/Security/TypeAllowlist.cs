using System.Collections.Concurrent;
using System.Reflection;
using Valkka.Actors.Analysis;
using Valkka.Media.Sources;

namespace Valkka.Actors.Security;

/// <summary>
/// The types the serializer accepts from the wire, checked on the type NAME before anything is
/// loaded: the project's message records, the types they contain, IAnalysisResult records of the
/// analyzer assemblies, and safe primitives and collections (whose type arguments must be allowed too).
/// </summary>
public sealed class TypeAllowlist
{
    private static readonly Type[] Primitives =
    [
        typeof(string), typeof(bool), typeof(byte), typeof(sbyte), typeof(char), typeof(short), typeof(ushort),
        typeof(int), typeof(uint), typeof(long), typeof(ulong), typeof(float), typeof(double), typeof(decimal),
        typeof(DateTime), typeof(DateTimeOffset), typeof(TimeSpan), typeof(Guid),
    ];

    private static readonly Type[] GenericCollections =
    [
        typeof(List<>), typeof(Dictionary<,>), typeof(HashSet<>), typeof(KeyValuePair<,>), typeof(Nullable<>),
        typeof(ValueTuple<,>), typeof(ValueTuple<,,>), typeof(Tuple<,>), typeof(Tuple<,,>),
        typeof(System.Collections.ObjectModel.ReadOnlyCollection<>),
    ];

    // The C# compiler emits these read-only list wrappers into the assembly that uses a collection
    // expression for an IReadOnlyList/IEnumerable (e.g. a result record built with [a, b]).
    private const string CollectionExpressionPrefix = "<>z__ReadOnly";

    // Full name -> simple assembly name.
    // Concurrent: a node trusts the analyzer assemblies a live change adds while messages are read.
    private readonly ConcurrentDictionary<string, string> _allowed = new(StringComparer.Ordinal);
    // Simple names of the project's and the analyzers' assemblies.
    private readonly ConcurrentDictionary<string, bool> _trustedAssemblies = new(StringComparer.Ordinal);

    private TypeAllowlist() { }

    /// <summary>The project's types plus every IAnalysisResult type of the given assemblies plus extra types.</summary>
    public static TypeAllowlist Create(IEnumerable<Assembly> analyzerAssemblies, IEnumerable<Type>? extraTypes = null)
    {
        var list = new TypeAllowlist();
        foreach (var t in Primitives) list.Add(t);
        foreach (var t in GenericCollections) list.Add(t);
        // The surrogate Akka writes for every IActorRef (see ActorRefSurrogates).
        list.Add(typeof(Akka.Actor.ActorRefBase.Surrogate));
        list.Add(typeof(Valkka.Shm.FrameInfo));
        list.Add(typeof(Valkka.Shm.PixelFormat));
        // The encoded stream a camera sends a relay on another host (EncodedStreamStarted, EncodedPacket).
        list.Add(typeof(Valkka.Media.Sources.StreamFormat));
        list.Add(typeof(Valkka.Media.Sources.StreamPacket));

        var own = typeof(TypeAllowlist).Assembly;
        foreach (var t in own.GetTypes())
        {
            if (t.Namespace == "Valkka.Actors.Messages" && t.IsPublic) list.Add(t);
        }
        foreach (var assembly in analyzerAssemblies.Append(own).Distinct()) list.Trust(assembly);
        foreach (var t in extraTypes ?? []) list.Add(t);
        return list;
    }

    /// <summary>Accepts the IAnalysisResult types of an analyzer assembly from now on (a live change added an analyzer).</summary>
    public void Trust(Assembly assembly)
    {
        if (!_trustedAssemblies.TryAdd(assembly.GetName().Name!, true)) return;
        foreach (var t in SafeTypes(assembly))
        {
            if (t.IsClass && !t.IsAbstract && typeof(IAnalysisResult).IsAssignableFrom(t)) Add(t);
        }
    }

    public IReadOnlyCollection<string> TypeNames => (IReadOnlyCollection<string>)_allowed.Keys;

    public bool Contains(Type type) =>
        _allowed.TryGetValue(type.FullName ?? "", out var asm) && asm == type.Assembly.GetName().Name;

    private void Add(Type type)
    {
        if (type.FullName is { } name) _allowed[name] = type.Assembly.GetName().Name!;
    }

    private static IEnumerable<Type> SafeTypes(Assembly assembly)
    {
        try { return assembly.GetTypes(); }
        catch (ReflectionTypeLoadException e) { return e.Types.Where(t => t is not null)!; }
    }

    /// <summary>
    /// True if the assembly-qualified name (Hyperion's short form: no versions, ",%core%" for the core
    /// library) names an allowed type, an array of one, or an allowed generic over allowed arguments.
    /// </summary>
    public bool IsAllowed(string qualifiedName)
    {
        try { return Check(qualifiedName.Replace(",%core%", ", System.Private.CoreLib").Trim(), 0); }
        catch (FormatException) { return false; }
    }

    private bool Check(string qualified, int depth)
    {
        if (depth > 8) return false;
        SplitAssembly(qualified, out var typePart, out var assembly);

        // Arrays: "T[]" (only single-dimension, zero-based ones).
        if (typePart.EndsWith("[]", StringComparison.Ordinal))
        {
            var element = typePart[..^2];
            return Check(assembly is null ? element : element + ", " + assembly, depth + 1);
        }

        int open = typePart.IndexOf('[');
        if (open < 0) return IsNamed(typePart, assembly);

        // Generic: "Name`2[[Arg1, Asm],[Arg2, Asm]]".
        if (!typePart.EndsWith(']')) return false;
        var definition = typePart[..open];
        if (!IsNamed(definition, assembly)) return false;
        foreach (var argument in SplitArguments(typePart[(open + 1)..^1]))
        {
            if (!Check(argument, depth + 1)) return false;
        }
        return true;
    }

    private bool IsNamed(string fullName, string? assembly)
    {
        if (fullName.StartsWith(CollectionExpressionPrefix, StringComparison.Ordinal) && fullName.IndexOfAny(['.', '+']) < 0)
            return assembly is not null && _trustedAssemblies.ContainsKey(assembly.Split(',')[0].Trim());
        if (!_allowed.TryGetValue(fullName, out var expected)) return false;
        // Core types may come without an assembly inside generic arguments.
        if (assembly is null) return expected == "System.Private.CoreLib";
        var simple = assembly.Split(',')[0].Trim();
        return simple == expected || (expected == "System.Private.CoreLib" && simple is "mscorlib" or "System.Runtime");
    }

    private static void SplitAssembly(string qualified, out string typePart, out string? assembly)
    {
        int depth = 0;
        for (int i = 0; i < qualified.Length; i++)
        {
            char c = qualified[i];
            if (c == '[') depth++;
            else if (c == ']') depth--;
            else if (c == ',' && depth == 0)
            {
                typePart = qualified[..i].Trim();
                assembly = qualified[(i + 1)..].Trim();
                return;
            }
            if (depth < 0) throw new FormatException(qualified);
        }
        if (depth != 0) throw new FormatException(qualified);
        typePart = qualified.Trim();
        assembly = null;
    }

    private static List<string> SplitArguments(string inner)
    {
        // inner: "[A, Asm],[B, Asm]" (or "A,B" without qualifiers).
        var result = new List<string>();
        int depth = 0, start = 0;
        for (int i = 0; i < inner.Length; i++)
        {
            char c = inner[i];
            if (c == '[') { if (depth == 0) start = i + 1; depth++; }
            else if (c == ']')
            {
                depth--;
                if (depth == 0) result.Add(inner[start..i]);
                if (depth < 0) throw new FormatException(inner);
            }
        }
        if (depth != 0) throw new FormatException(inner);
        if (result.Count == 0) result.AddRange(inner.Split(',', StringSplitOptions.TrimEntries));
        return result;
    }
}
