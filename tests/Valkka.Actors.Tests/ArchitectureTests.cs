using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Valkka.Actors.Tests.Support;

namespace Valkka.Actors.Tests;

/// <summary>
/// The rules of docs/architecture.md, checked: a file of src/ is at most 300 lines, its namespace is its
/// folder, it holds one type named like the file (messages excepted), actors are named only through
/// ActorPaths, the analyzer API shows no Akka type, and project references point one way.
/// </summary>
public sealed partial class ArchitectureTests
{
    private const int MaxLines = 300;

    private static readonly Dictionary<string, string> RootNamespaces = new()
    {
        ["Shm"] = "Valkka.Shm", ["Media"] = "Valkka.Media", ["Actors"] = "Valkka.Actors", ["Nodes"] = "Valkka.Nodes",
        ["Native"] = "Valkka.Native",
    };

    private static string Src => Path.Combine(RepoPaths.Root, "src");

    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(Src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    private static string Relative(string file) => Path.GetRelativePath(Src, file);

    [Fact]
    public void No_source_file_is_longer_than_300_lines()
    {
        var long_ = SourceFiles().Select(f => (File: Relative(f), Lines: File.ReadAllLines(f).Length)).Where(f => f.Lines > MaxLines).ToList();
        Assert.True(long_.Count == 0, "over " + MaxLines + " lines: " + string.Join(", ", long_.Select(f => $"{f.File} ({f.Lines})")));
    }

    [Fact]
    public void A_namespace_is_its_folder()
    {
        var wrong = new List<string>();
        foreach (var file in SourceFiles())
        {
            var parts = Relative(file).Split(Path.DirectorySeparatorChar);
            var expected = string.Join('.', new[] { RootNamespaces[parts[0]] }.Concat(parts[1..^1]));
            var declared = NamespaceLine().Match(File.ReadAllText(file));
            if (declared.Success && declared.Groups[1].Value != expected) wrong.Add($"{Relative(file)}: {declared.Groups[1].Value}, folder says {expected}");
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public void A_file_holds_one_type_named_like_it_outside_Messages()
    {
        var wrong = new List<string>();
        foreach (var file in SourceFiles())
        {
            var relative = Relative(file);
            if (relative.Split(Path.DirectorySeparatorChar).Contains("Messages")) continue;
            var types = TopLevelType().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value).Distinct().ToList();
            var name = Path.GetFileNameWithoutExtension(file);
            if (types.Count > 1) wrong.Add($"{relative}: {types.Count} types ({string.Join(", ", types)})");
            else if (types.Count == 1 && types[0] != name) wrong.Add($"{relative}: type {types[0]}");
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public void Actors_are_named_only_through_ActorPaths()
    {
        var named = SourceFiles()
            .SelectMany(f => ActorOfWithLiteralName().Matches(File.ReadAllText(f)).Select(m => $"{Relative(f)}: {m.Value}"))
            .ToList();
        Assert.True(named.Count == 0, "actor names written in place (put them in Topology/ActorPaths.cs):\n" + string.Join("\n", named));
    }

    [Fact]
    public void The_analyzer_API_shows_no_Akka_type()
    {
        var api = typeof(Valkka.Actors.Analysis.IFrameAnalyzer).Assembly.GetExportedTypes()
            .Where(t => t.Namespace == "Valkka.Actors.Analysis");
        var akka = new List<string>();
        foreach (var type in api)
        {
            foreach (var seen in SignatureTypes(type))
                if (seen.Assembly.GetName().Name?.StartsWith("Akka", StringComparison.Ordinal) == true)
                    akka.Add($"{type.Name} shows {seen.FullName}");
        }
        Assert.True(akka.Count == 0, string.Join("\n", akka.Distinct()));
    }

    [Fact]
    public void Project_references_point_one_way()
    {
        var allowed = new Dictionary<string, string[]>
        {
            ["Shm"] = [], ["Media"] = [], ["Actors"] = ["Shm", "Media"], ["Nodes"] = ["Actors"],
        };
        var wrong = new List<string>();
        foreach (var (project, may) in allowed)
        {
            var csproj = XDocument.Load(Path.Combine(Src, project, $"Valkka.{project}.csproj"));
            var references = csproj.Descendants("ProjectReference").Select(r => (string)r.Attribute("Include")!).ToList();
            foreach (var reference in references)
            {
                var target = Path.GetFileName(Path.GetDirectoryName(reference.Replace('\\', '/'))!);
                if (!may.Contains(target)) wrong.Add($"{project} references {reference}");
            }
            var packages = csproj.Descendants("PackageReference").Select(r => (string)r.Attribute("Include")!);
            if (project is "Shm" or "Media")
                wrong.AddRange(packages.Where(p => p.StartsWith("Akka", StringComparison.Ordinal)).Select(p => $"{project} uses package {p}"));
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    /// <summary>Every type a public member of type shows: base, interfaces, fields, properties, method and constructor signatures.</summary>
    private static IEnumerable<Type> SignatureTypes(Type type)
    {
        const BindingFlags visible = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var shown = new List<Type>();
        if (type.BaseType is { } b) shown.Add(b);
        shown.AddRange(type.GetInterfaces());
        shown.AddRange(type.GetFields(visible).Select(f => f.FieldType));
        shown.AddRange(type.GetProperties(visible).Select(p => p.PropertyType));
        foreach (var method in type.GetMethods(visible))
        {
            shown.Add(method.ReturnType);
            shown.AddRange(method.GetParameters().Select(p => p.ParameterType));
        }
        foreach (var ctor in type.GetConstructors(BindingFlags.Public | BindingFlags.Instance))
            shown.AddRange(ctor.GetParameters().Select(p => p.ParameterType));
        return shown.SelectMany(Unwrap);
    }

    private static IEnumerable<Type> Unwrap(Type t)
    {
        if (t.HasElementType) return Unwrap(t.GetElementType()!);
        if (t.IsGenericType) return new[] { t.GetGenericTypeDefinition() }.Concat(t.GetGenericArguments().SelectMany(Unwrap));
        return [t];
    }

    [GeneratedRegex(@"^namespace ([\w.]+);", RegexOptions.Multiline)]
    private static partial Regex NamespaceLine();

    [GeneratedRegex(@"^(?:public |internal |file )?(?:sealed |static |abstract |readonly |partial |unsafe |ref )*(?:class|record struct|record|struct|interface|enum) (\w+)", RegexOptions.Multiline)]
    private static partial Regex TopLevelType();

    [GeneratedRegex(@"ActorOf\([^;]*?,\s*""[^""]*""\s*\)")]
    private static partial Regex ActorOfWithLiteralName();
}
