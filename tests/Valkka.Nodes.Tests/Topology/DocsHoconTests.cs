using System.Text.RegularExpressions;
using Valkka.Actors.Topology;

namespace Valkka.Nodes.Tests.Topology;

/// <summary>
/// Every ```hocon block of README.md and docs/*.md must be what the topology parser accepts. A block
/// with the root key "valkka" is a whole topology; any other block is a part of one, read inside
/// <see cref="Surroundings"/> (the nodes, cameras and master the docs' examples refer to).
/// </summary>
public partial class DocsHoconTests
{
    private const string Surroundings = """
        nodes {
          cameras { port = 25540 }
          work { port = 25541 }
          n1 { port = 25542 }
          n2 { port = 25543 }
        }
        cameras {
          cam1 { url = "synthetic://testsrc2", node = cameras }
          door { url = "synthetic://testsrc2", node = cameras }
          yard { url = "synthetic://testsrc2", node = cameras }
        }
        clients.watch { node = work, cameras = [cam1], analyzer { type = "Acme.Watch, Acme" } }
        masters.faces { node = n2, analyzer { type = "Acme.Faces, Acme" } }
        """;

    [GeneratedRegex(@"^```hocon\s*\n(.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex HoconBlock();

    public static TheoryData<string> Blocks()
    {
        var data = new TheoryData<string>();
        foreach (var (name, _) in AllBlocks()) data.Add(name);
        return data;
    }

    [Fact]
    public void The_docs_have_hocon_blocks()
    {
        Assert.Contains(AllBlocks(), b => b.Name.StartsWith("README.md"));
        Assert.Contains(AllBlocks(), b => b.Name.StartsWith("docs/writing-analyzers.md"));
    }

    [Theory]
    [MemberData(nameof(Blocks))]
    public void A_hocon_block_of_the_docs_parses_without_errors(string block)
    {
        var text = AllBlocks().Single(b => b.Name == block).Text;
        var topology = Regex.IsMatch(text, @"^\s*valkka\s*\{", RegexOptions.Multiline)
            ? text
            : "valkka {\n" + Surroundings + "\n" + text + "\n}";

        var result = TopologyParser.Parse(topology, "docs");

        Assert.True(result.Errors.Count == 0, $"{block}:\n{string.Join("\n", result.Errors)}");
    }

    private static List<(string Name, string Text)> AllBlocks()
    {
        var files = new[] { "README.md" }.Concat(Directory.GetFiles(Path.Combine(RepoPaths.Root, "docs"), "*.md")
            .Select(f => Path.GetRelativePath(RepoPaths.Root, f)).Order());
        var blocks = new List<(string, string)>();
        foreach (var file in files)
        {
            var content = File.ReadAllText(Path.Combine(RepoPaths.Root, file));
            foreach (Match m in HoconBlock().Matches(content))
            {
                int line = content.AsSpan(0, m.Index).Count('\n') + 1;
                blocks.Add(($"{file.Replace('\\', '/')}:{line}", m.Groups[1].Value));
            }
        }
        return blocks;
    }
}
