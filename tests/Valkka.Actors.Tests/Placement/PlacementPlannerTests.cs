using Valkka.Actors.Placement;
using Valkka.Actors.Topology;

namespace Valkka.Actors.Tests.Placement;

/// <summary>The placement's pure logic: spread by weight, keep what runs, spread a lost member's cameras, move one at a time.</summary>
public class PlacementPlannerTests
{
    private static readonly string[] Edge = ["edge"];

    private static List<PlacedCamera> Same(int count, long weight = 100) =>
        Enumerable.Range(1, count).Select(i => new PlacedCamera($"cam{i:000}", "edge", weight)).ToList();

    private static List<PlacementMember> Members(params string[] names) => names.Select(n => new PlacementMember(n, Edge)).ToList();

    private static Dictionary<string, int> Count(Dictionary<string, string> plan) => plan.GroupBy(p => p.Value).ToDictionary(g => g.Key, g => g.Count());

    [Fact]
    public void Twelve_equal_cameras_spread_4_4_4()
    {
        var plan = PlacementPlanner.Plan(Same(12), Members("a", "b", "c"), new Dictionary<string, string>());
        Assert.Equal(new Dictionary<string, int> { ["a"] = 4, ["b"] = 4, ["c"] = 4 }, Count(plan));
    }

    [Fact]
    public void Weights_spread_pixels_not_counts_and_only_members_of_the_role_get_cameras()
    {
        var cameras = new List<PlacedCamera> { new("big", "edge", 400), new("s1", "edge", 100), new("s2", "edge", 100), new("s3", "edge", 100), new("s4", "edge", 100), new("g", "gpu", 1) };
        var members = new List<PlacementMember> { new("a", Edge), new("b", Edge), new("n", ["other"]) };
        var plan = PlacementPlanner.Plan(cameras, members, new Dictionary<string, string>());
        Assert.Equal(plan["big"] == "a" ? "b" : "a", plan["s1"]);
        Assert.All(new[] { "s1", "s2", "s3", "s4" }, s => Assert.NotEqual(plan["big"], plan[s]));
        Assert.False(plan.ContainsKey("g"));
        Assert.DoesNotContain("n", plan.Values);
    }

    [Fact]
    public void A_lost_members_cameras_spread_over_the_survivors_and_the_rest_stay()
    {
        var cameras = Same(12);
        var before = PlacementPlanner.Plan(cameras, Members("a", "b", "c"), new Dictionary<string, string>());
        var after = PlacementPlanner.Plan(cameras, Members("a", "b"), before);
        Assert.Equal(new Dictionary<string, int> { ["a"] = 6, ["b"] = 6 }, Count(after));
        Assert.All(before.Where(p => p.Value != "c"), p => Assert.Equal(p.Value, after[p.Key]));
    }

    [Fact]
    public void A_returning_member_gets_cameras_one_move_at_a_time_until_a_move_is_not_worth_it()
    {
        var cameras = Same(12);
        var members = Members("a", "b", "c");
        var plan = PlacementPlanner.Plan(cameras, Members("a", "b"), new Dictionary<string, string>());
        Assert.Equal(plan, PlacementPlanner.Plan(cameras, members, plan));   // nothing moves by itself
        var moves = 0;
        while (PlacementPlanner.Rebalance(cameras, members, plan) is { } move)
        {
            Assert.Equal("c", move.To);
            plan[move.Camera] = move.To;
            moves++;
        }
        Assert.Equal(4, moves);
        Assert.Equal(new Dictionary<string, int> { ["a"] = 4, ["b"] = 4, ["c"] = 4 }, Count(plan));
    }

    [Fact]
    public void Five_hundred_cameras_over_ten_members_are_within_10_percent_of_even()
    {
        var random = new Random(27);
        var cameras = Enumerable.Range(0, 500).Select(i => new PlacedCamera($"cam{i}", "edge", random.Next(1, 5) * 640L * 360 * 25)).ToList();
        var members = Members(Enumerable.Range(0, 10).Select(i => $"m{i}").ToArray());
        var plan = PlacementPlanner.Plan(cameras, members, new Dictionary<string, string>());
        var load = members.Select(m => cameras.Where(c => plan[c.Id] == m.Name).Sum(c => c.Weight)).ToList();
        var even = cameras.Sum(c => c.Weight) / 10.0;
        Assert.All(load, l => Assert.InRange(l, even * 0.9, even * 1.1));
    }

    [Theory]
    [InlineData("synthetic://testsrc2?size=320x180&fps=10", null, 320L * 180 * 10)]
    [InlineData("rtsp://cam/stream", "640x360", 640L * 360 * 25)]
    [InlineData("rtsp://cam/stream", null, 1280L * 720 * 25)]
    public void A_cameras_weight_is_its_pixels_per_second(string url, string? size, long weight)
    {
        FrameSize? frame = size is null ? null : FrameSize.TryParse(size, out var s) ? s : null;
        Assert.Equal(weight, CameraWeight.Of(new CameraDefinition("c", "", url, frame, 4, DecoderDefinition.Default)));
    }
}
