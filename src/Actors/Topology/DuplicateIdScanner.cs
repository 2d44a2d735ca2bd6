using System.Text;
using System.Text.RegularExpressions;

namespace Valkka.Actors.Topology;

/// <summary>
/// Finds ids written twice inside the same { } block of a topology file, e.g. two "cam1 { ... }"
/// under cameras. HOCON itself silently merges such keys, which would hide a copy-paste mistake;
/// a key repeated in a later, separate block (an override such as valkka.nodes.a.port = 1 at the
/// end of the file) is not a duplicate and is left to HOCON's merge.
/// </summary>
internal static partial class DuplicateIdScanner
{
    public sealed record Duplicate(string Path, int FirstLine, int SecondLine);

    [GeneratedRegex(@"^valkka\.(nodes|cameras|clients|masters)\.[^.]+$")]
    private static partial Regex IdPath();

    private sealed class Block(string prefix, bool isArray)
    {
        public string Prefix { get; } = prefix;
        public bool IsArray { get; } = isArray;
        public Dictionary<string, int> Keys { get; } = new();
    }

    public static IReadOnlyList<Duplicate> Find(string text)
    {
        var found = new List<Duplicate>();
        var stack = new Stack<Block>();
        stack.Push(new Block("", false));
        var i = 0;
        var line = 1;

        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\n') { line++; i++; continue; }
            if (char.IsWhiteSpace(c) || c == ',') { i++; continue; }
            if (c == '#' || (c == '/' && Peek(text, i + 1) == '/')) { SkipToLineEnd(text, ref i); continue; }

            var block = stack.Peek();
            if (c == '}' || c == ']')
            {
                if (stack.Count > 1) stack.Pop();
                i++;
                continue;
            }
            if (block.IsArray)
            {
                if (c == '{') { stack.Push(new Block("[]", false)); i++; }
                else if (c == '[') { stack.Push(new Block("[]", true)); i++; }
                else SkipSimpleValue(text, ref i, ref line);
                continue;
            }
            if (c == '{') { stack.Push(new Block(block.Prefix, false)); i++; continue; } // root braces

            // A key (possibly a dotted path) at object level.
            var keyLine = line;
            var key = ReadKey(text, ref i);
            if (key.Length == 0) { i++; continue; }
            if (key == "include") { SkipToLineEnd(text, ref i); continue; }
            var path = block.Prefix.Length == 0 ? key : block.Prefix + "." + key;

            while (i < text.Length && (text[i] == ' ' || text[i] == '\t')) i++;
            if (Peek(text, i) == '+' && Peek(text, i + 1) == '=') i += 2;
            else if (Peek(text, i) is '=' or ':') i++;
            while (i < text.Length && (text[i] == ' ' || text[i] == '\t')) i++;

            var next = Peek(text, i);
            if (next == '{')
            {
                if (block.Keys.TryGetValue(key, out var first))
                {
                    if (IdPath().IsMatch(path)) found.Add(new Duplicate(path, first, keyLine));
                }
                else block.Keys[key] = keyLine;
                stack.Push(new Block(path, false));
                i++;
            }
            else if (next == '[') { stack.Push(new Block(path, true)); i++; }
            else SkipSimpleValue(text, ref i, ref line);
        }
        return found;
    }

    private static char Peek(string text, int i) => i < text.Length ? text[i] : '\0';

    private static void SkipToLineEnd(string text, ref int i)
    {
        while (i < text.Length && text[i] != '\n') i++;
    }

    private static string ReadKey(string text, ref int i)
    {
        var key = new StringBuilder();
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '"')
            {
                i++;
                while (i < text.Length && text[i] != '"') { if (text[i] == '\\') i++; if (i < text.Length) key.Append(text[i]); i++; }
                i++;
                continue;
            }
            if (char.IsWhiteSpace(c) || c is '=' or ':' or '{' or '}' or '[' or ']' or ',' or '+' or '#') break;
            key.Append(c);
            i++;
        }
        return key.ToString();
    }

    // A simple value runs to the end of the line, a comma or a closing brace; quotes may hide those.
    private static void SkipSimpleValue(string text, ref int i, ref int line)
    {
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '"')
            {
                if (Peek(text, i + 1) == '"' && Peek(text, i + 2) == '"')
                {
                    var end = text.IndexOf("\"\"\"", i + 3, StringComparison.Ordinal);
                    end = end < 0 ? text.Length : end + 3;
                    line += text.AsSpan(i, end - i).Count('\n');
                    i = end;
                    continue;
                }
                i++;
                while (i < text.Length && text[i] != '"' && text[i] != '\n') { if (text[i] == '\\') i++; i++; }
                i++;
                continue;
            }
            if (c == '\n' || c == ',' || c == '}' || c == ']' || c == '#') return;
            if (c == '/' && Peek(text, i + 1) == '/') return;
            i++;
        }
    }
}
