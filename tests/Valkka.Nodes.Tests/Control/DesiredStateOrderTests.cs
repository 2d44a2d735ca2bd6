using System.Text.Json.Nodes;
using Valkka.Actors.Messages;
using Valkka.Actors.Topology;
using Valkka.Actors.Topology.Changes;
using Valkka.Nodes.Control;
using Valkka.Nodes.Node;

namespace Valkka.Nodes.Tests.Control;

/// <summary>
/// The rule that keeps the hosts of a deployment on one desired state (<see cref="DesiredStateOrder"/>), and
/// the launcher's control under it: a newer state from another host is adopted with its version and origin,
/// an older or the same one is ignored, an invalid one changes nothing, and a change made here is numbered
/// above every version heard of.
/// </summary>
public sealed class DesiredStateOrderTests
{
    private static readonly string One = Site("cam1"), Two = Site("cam2"), Three = Site("cam3");

    // One camera and its client (analyzers are not checked: no node of these topologies is local).
    private static string Site(string camera) => $$"""
        valkka.name = order
        valkka.nodes.n1.port = 25520
        valkka.cameras.{{camera}} { url = "synthetic://testsrc2?size=320x180&fps=10", node = n1 }
        valkka.clients.c1 { node = n1, cameras = [{{camera}}], analyzer.type = "Valkka.Samples.FrameStatisticsAnalyzer, Valkka.Samples" }
        """;

    [Fact]
    public void The_higher_version_wins_then_the_higher_origin_then_the_higher_text_digest()
    {
        Assert.True(DesiredStateOrder.Compare(new(3, One, "a"), new(2, Two, "z")) > 0);
        Assert.True(DesiredStateOrder.Compare(new(2, One, "z"), new(3, Two, "a")) < 0);
        Assert.True(DesiredStateOrder.Compare(new(2, One, "host-b"), new(2, Two, "host-a")) > 0);
        Assert.Equal(0, DesiredStateOrder.Compare(new(2, One, "host-a"), new(2, One, "host-a")));
        // Same version and origin, different text (cannot happen from one launcher, but the rule still decides alike everywhere).
        var oneOverTwo = DesiredStateOrder.Compare(new(2, One, "host-a"), new(2, Two, "host-a"));
        Assert.NotEqual(0, oneOverTwo);
        Assert.Equal(-Math.Sign(oneOverTwo), Math.Sign(DesiredStateOrder.Compare(new(2, Two, "host-a"), new(2, One, "host-a"))));
    }

    [Fact]
    public async Task Two_hosts_that_change_at_once_end_with_the_same_state()
    {
        var (a, _) = Control("host-a");
        var (b, _) = Control("host-b");
        await a.ApplyAsync(Two, null, dryRun: false, CancellationToken.None);
        await b.ApplyAsync(Three, null, dryRun: false, CancellationToken.None);
        Assert.Equal((2, 2), (a.Current.Version, b.Current.Version));

        // Each hears the other's version 2: host-b's wins on both.
        Assert.NotNull(await a.AdoptAsync(DesiredStateOrder.Of(b.Current), "/elsewhere/topology.conf", CancellationToken.None));
        Assert.Null(await b.AdoptAsync(new DesiredStateChanged(2, Two, "host-a"), "/elsewhere/topology.conf", CancellationToken.None));
        Assert.Equal(b.Current.Text, a.Current.Text);
        Assert.Equal((2, "host-b"), (a.Current.Version, a.Current.Origin));
        // Resolved against this host's own file, not the sender's.
        Assert.Equal("/elsewhere/topology.conf", a.Current.SourcePath);
    }

    [Fact]
    public async Task An_older_or_the_same_state_is_ignored_and_an_invalid_one_changes_nothing()
    {
        var (control, carrier) = Control("host-a");
        Assert.NotNull(await control.AdoptAsync(new DesiredStateChanged(5, Two, "host-b"), "/here/t.conf", CancellationToken.None));
        Assert.Equal((5, "host-b", 1), (control.Current.Version, control.Current.Origin, carrier.Changes));

        Assert.Null(await control.AdoptAsync(new DesiredStateChanged(5, Two, "host-b"), "/here/t.conf", CancellationToken.None));
        Assert.Null(await control.AdoptAsync(new DesiredStateChanged(4, Three, "host-c"), "/here/t.conf", CancellationToken.None));
        Assert.Equal(1, carrier.Changes);

        var invalid = await control.AdoptAsync(new DesiredStateChanged(7, Three.Replace("node = n1 }", "node = nowhere }"), "host-c"), "/here/t.conf", CancellationToken.None);
        Assert.NotNull(invalid);
        Assert.False(invalid.Valid);
        Assert.Contains(invalid.Errors, e => e.Path == "valkka.cameras.cam3.node");
        Assert.Equal((5, Two), (control.Current.Version, control.Current.Text));

        // A change made here after that is still newer than version 7 everywhere.
        var outcome = await control.ApplyAsync(Three, null, dryRun: false, CancellationToken.None);
        Assert.True(outcome.Applied);
        Assert.Equal((8, "host-a"), (control.Current.Version, control.Current.Origin));
    }

    [Fact]
    public void Desired_state_lines_carry_a_multi_line_text_on_one_line()
    {
        var line = DesiredStateLines.Format(new PeerDesiredState(3, "valkka {\n  name = x\n}\n", "host-a", "akka.tcp://valkka@10.0.0.1:25520/user/desired-state"));
        Assert.DoesNotContain('\n', line);
        Assert.True(DesiredStateLines.IsPeerNotice(line));
        Assert.True(DesiredStateLines.TryParse(line, out PeerDesiredState parsed));
        Assert.Equal("valkka {\n  name = x\n}\n", parsed.Text);
        Assert.False(DesiredStateLines.TryParse(line, out PublishStateRequest _));
        var publish = DesiredStateLines.Format(new PublishStateRequest(3, "t", "host-a", ["p1", "p2"]));
        Assert.True(DesiredStateLines.TryParse(publish, out PublishStateRequest request));
        Assert.Equal(["p1", "p2"], request.Peers);
    }

    private static (DeploymentControl Control, CountingCarrier Carrier) Control(string origin)
    {
        var parsed = TopologyLoader.LoadText(One, "order", "/here/t.conf", ValidationScope.FileOnly);
        var initial = new DesiredState(One, "/here/t.conf", 1, parsed.Topology ?? throw new ArgumentException(string.Join("; ", parsed.Errors))) { Origin = origin };
        var carrier = new CountingCarrier();
        return (new DeploymentControl(initial, _ => [], t => t, carrier, () => new JsonObject()), carrier);
    }

    private sealed class CountingCarrier : IChangeCarrier
    {
        public int Changes { get; private set; }

        public Task<IReadOnlyList<string>> CarryOutAsync(TopologyPlan plan, DesiredState next, Action commit, CancellationToken cancel)
        {
            Changes++;
            commit();
            return Task.FromResult<IReadOnlyList<string>>([]);
        }
    }
}
