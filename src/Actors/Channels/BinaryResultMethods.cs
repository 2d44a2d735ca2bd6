using System.Reflection;
using Valkka.Actors.Analysis;

namespace Valkka.Actors.Channels;

/// <summary>Reflection, once per result type, to call IBinaryResult&lt;T&gt; without knowing T at compile time.</summary>
internal static class BinaryResultMethods
{
    private const BindingFlags Private = BindingFlags.NonPublic | BindingFlags.Static;

    /// <summary>True when the type implements IBinaryResult of itself (not of some other type).</summary>
    public static bool IsBinaryResult(Type type) =>
        type.GetInterfaces().Any(i =>
            i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IBinaryResult<>) && i.GenericTypeArguments[0] == type);

    public static BinaryResultWrite WriterFor(Type type) =>
        typeof(BinaryResultMethods).GetMethod(nameof(Write), Private)!.MakeGenericMethod(type).CreateDelegate<BinaryResultWrite>();

    public static BinaryResultRead ReaderFor(Type type) =>
        typeof(BinaryResultMethods).GetMethod(nameof(Read), Private)!.MakeGenericMethod(type).CreateDelegate<BinaryResultRead>();

    private static void Write<T>(IAnalysisResult result, ref ResultWriter writer) where T : IBinaryResult<T> =>
        ((T)result).Write(ref writer);

    private static IAnalysisResult Read<T>(ref ResultReader reader) where T : IBinaryResult<T> => T.Read(ref reader);
}
