using System.Globalization;

namespace Valkka.Bench;

/// <summary>The time stamp of an Akka log line ("[INFO][12/07/2026 14:12:41.123Z][Thread 0001][source] message"), UTC.</summary>
public static class AkkaLogTime
{
    public static DateTime? Of(string line)
    {
        if (!line.StartsWith('[')) return null;
        var start = line.IndexOf("][", StringComparison.Ordinal);
        if (start < 0) return null;
        var end = line.IndexOf(']', start + 2);
        if (end < 0) return null;
        return DateTime.TryParseExact(line.AsSpan(start + 2, end - start - 2), "MM/dd/yyyy HH:mm:ss.fffK", CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at) ? at : null;
    }
}
