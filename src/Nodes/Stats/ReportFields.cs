using System.Reflection;

namespace Valkka.Nodes.Stats;

/// <summary>
/// The fields of a report row as its attributes declare them: its counters (<see cref="CounterAttribute"/>)
/// and gauges (<see cref="GaugeAttribute"/>). Everything that treats counters alike (summing incarnations,
/// keeping metrics monotonic, exporting them) reads them here, so a new counter is one field.
/// </summary>
public static class ReportFields<T> where T : class
{
    private static readonly MethodInfo Clone = typeof(T).GetMethod("<Clone>$")
        ?? throw new InvalidOperationException($"{typeof(T).Name} is not a record");

    public static IReadOnlyList<PropertyInfo> Counters { get; } = typeof(T).GetProperties()
        .Where(p => p.GetCustomAttribute<CounterAttribute>() is not null).ToList();

    // Counted by the row's actor: summed over its incarnations.
    private static readonly IReadOnlyList<PropertyInfo> Summed = Counters.Where(p => !p.GetCustomAttribute<CounterAttribute>()!.OfCluster).ToList();

    public static IReadOnlyList<PropertyInfo> Gauges { get; } = typeof(T).GetProperties()
        .Where(p => p.GetCustomAttribute<GaugeAttribute>() is not null).ToList();

    /// <summary>Latest with every counter its actor counts the sum of carried's and latest's (carried: earlier incarnations).</summary>
    public static T Sum(T? carried, T latest) => carried is null ? latest : Combine(Summed, carried, latest, (a, b) => a + b, (a, b) => a + b);

    /// <summary>Latest with no counter lower than in previous (a late answer reports zeros).</summary>
    public static T Max(T previous, T latest) => Combine(Counters, previous, latest, Math.Max, Math.Max);

    private static T Combine(IReadOnlyList<PropertyInfo> counters, T a, T b, Func<long, long, long> longs, Func<double, double, double> doubles)
    {
        var result = (T)Clone.Invoke(b, null)!;
        foreach (var p in counters)
        {
            object value = p.PropertyType == typeof(long) ? (object)longs((long)p.GetValue(a)!, (long)p.GetValue(b)!)
                : p.PropertyType == typeof(int) ? (object)(int)longs((int)p.GetValue(a)!, (int)p.GetValue(b)!)
                : (object)doubles((double)p.GetValue(a)!, (double)p.GetValue(b)!);
            p.SetValue(result, value);
        }
        return result;
    }
}
