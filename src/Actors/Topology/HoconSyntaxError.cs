using System.Text.RegularExpressions;

namespace Valkka.Actors.Topology;

/// <summary>
/// Says where a HOCON syntax error is: Akka's parser names a character position ("Unknown token at
/// position 77"), which a user cannot find; this gives the line and column, the line itself, and what
/// to do for the one HOCON form Akka's parser refuses that other HOCON parsers take (a comma after an
/// object, as in <c>a { x = 1 }, b { x = 2 }</c> on one line).
/// </summary>
internal static partial class HoconSyntaxError
{
    [GeneratedRegex(@"position (\d+)")]
    private static partial Regex Position();

    public static string Describe(string hocon, Exception error)
    {
        var message = error.Message.Split('\n')[0].Trim();
        if (Position().Match(message) is not { Success: true } match
            || !int.TryParse(match.Groups[1].Value, out var position) || position < 0 || position >= hocon.Length)
            return "HOCON syntax error: " + message;
        var lineStart = hocon.LastIndexOf('\n', Math.Max(0, position - 1)) + 1;
        if (position > 0 && hocon[position - 1] == '\n') lineStart = position;
        var lineEnd = hocon.IndexOf('\n', position) is var end and >= 0 ? end : hocon.Length;
        var line = hocon[lineStart..lineEnd].TrimEnd('\r');
        int lineNumber = hocon.AsSpan(0, lineStart).Count('\n') + 1, column = position - lineStart + 1;
        var hint = hocon[position] == ',' && hocon[lineStart..position].TrimEnd().EndsWith('}')
            ? "; a comma after an object is not accepted here: end the line after '}' and put the next key on a line of its own"
            : "";
        return $"HOCON syntax error at line {lineNumber}, column {column}: {message}{hint}\n    {line.Trim()}";
    }
}
