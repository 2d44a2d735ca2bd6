using System.Reflection;
using Microsoft.Extensions.Logging;

namespace Valkka.Actors.Analysis.Loading;

/// <summary>
/// The public constructor an analyzer type is created through, in this order of preference:
/// (AnalyzerSettings, ILogger), (AnalyzerSettings), (ILogger), ().
/// </summary>
internal static class AnalyzerConstructor
{
    public const string Expected = "(AnalyzerSettings, ILogger), (AnalyzerSettings), (ILogger) or ()";

    private static readonly Type[][] Shapes =
        [[typeof(AnalyzerSettings), typeof(ILogger)], [typeof(AnalyzerSettings)], [typeof(ILogger)], Type.EmptyTypes];

    public static ConstructorInfo? Find(Type type)
    {
        foreach (var shape in Shapes)
            if (type.GetConstructor(shape) is { } constructor) return constructor;
        return null;
    }

    public static object Invoke(ConstructorInfo constructor, AnalyzerSettings settings, ILogger logger)
    {
        var parameters = constructor.GetParameters();
        var arguments = new object[parameters.Length];
        for (int i = 0; i < parameters.Length; i++)
            arguments[i] = parameters[i].ParameterType == typeof(ILogger) ? logger : settings;
        try { return constructor.Invoke(arguments); }
        catch (TargetInvocationException e) when (e.InnerException is { } inner)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(inner).Throw();
            throw;
        }
    }
}
