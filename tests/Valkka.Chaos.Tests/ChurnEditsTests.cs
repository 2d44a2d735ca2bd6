using Valkka.Actors.Topology;
using Valkka.Actors.Topology.Changes;
using Valkka.Chaos.Soak;

namespace Valkka.Chaos.Tests;

public class ChurnEditsTests
{
    private static readonly string Main3 = File.ReadAllText(Path.Combine(RepoPaths.Hocon, "main3.conf"));

    private static TopologyDefinition Load(string text) =>
        TopologyLoader.LoadText(text, "main3", null, ValidationScope.FileOnly).Topology ?? throw new InvalidOperationException("invalid");

    /// <summary>What a live change from the original to the edited file restarts, as "kind id".</summary>
    private static string[] Restarted(TopologyDefinition original, ChurnEdits edits) =>
        TopologyDiff.Plan(original, Load(Main3 + "\n" + edits.Overrides())).Changes
            .Select(c => $"{c.Action} {c.Kind} {c.Id}").Order().ToArray();

    [Fact]
    public void A_flip_restarts_every_part_of_its_kind_and_nothing_else_and_a_second_flip_undoes_it()
    {
        var original = Load(Main3);
        var edits = new ChurnEdits(original);
        Assert.Empty(Restarted(original, edits));

        Assert.True(edits.Flip(ChurnKind.Clients));
        Assert.Equal(["Changed client c1", "Changed client c2", "Changed client c3"], Restarted(original, edits));
        Assert.Equal(original.Clients.Select(c => c.Credit + 1), Load(Main3 + "\n" + edits.Overrides()).Clients.Select(c => c.Credit));

        Assert.True(edits.Flip(ChurnKind.Clients));
        Assert.True(edits.Flip(ChurnKind.Masters));
        Assert.Equal(["Changed master heavy"], Restarted(original, edits));

        Assert.True(edits.Flip(ChurnKind.Masters));
        Assert.True(edits.Flip(ChurnKind.Cameras));
        Assert.Equal(["Changed camera cam1", "Changed camera cam2", "Changed camera cam3"], Restarted(original, edits));

        Assert.True(edits.Flip(ChurnKind.Cameras));
        Assert.Empty(Restarted(original, edits));
    }

    [Fact]
    public void A_kind_the_topology_does_not_have_is_not_flipped()
    {
        var withoutMasters = Load(Main3) with { Masters = [] };
        Assert.False(new ChurnEdits(withoutMasters).Flip(ChurnKind.Masters));
        Assert.False(new ChurnEdits(withoutMasters).Flip(ChurnKind.Viewer));
    }
}
