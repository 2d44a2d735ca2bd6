using AkkaLevel = Akka.Event.LogLevel;
using Akka.Event;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;
using ILogger = Microsoft.Extensions.Logging.ILogger;
using EventId = Microsoft.Extensions.Logging.EventId;

namespace Valkka.Actors.Node;

/// <summary>An ILogger that writes to an actor's Akka logger (Trace goes to Debug, Critical to Error).</summary>
public sealed class AkkaLogger(ILoggingAdapter log) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && log.IsEnabled(ToAkka(logLevel));

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel)) return;
        ArgumentNullException.ThrowIfNull(formatter);
        var message = formatter(state, exception);
        switch (ToAkka(logLevel))
        {
            case AkkaLevel.DebugLevel: log.Debug(exception, "{0}", message); break;
            case AkkaLevel.InfoLevel: log.Info(exception, "{0}", message); break;
            case AkkaLevel.WarningLevel: log.Warning(exception, "{0}", message); break;
            default: log.Error(exception, "{0}", message); break;
        }
    }

    private static AkkaLevel ToAkka(LogLevel level) => level switch
    {
        LogLevel.Trace or LogLevel.Debug => AkkaLevel.DebugLevel,
        LogLevel.Information => AkkaLevel.InfoLevel,
        LogLevel.Warning => AkkaLevel.WarningLevel,
        _ => AkkaLevel.ErrorLevel,
    };
}
