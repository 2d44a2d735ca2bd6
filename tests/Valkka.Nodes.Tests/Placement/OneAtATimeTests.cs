using Valkka.Nodes.Placement;

namespace Valkka.Nodes.Tests.Placement;

/// <summary>The guard PlacedParts and PlacedRelays reconcile under: one at a time, and one more after it if asked for meanwhile.</summary>
public sealed class OneAtATimeTests
{
    [Fact]
    public void A_request_while_one_runs_waits_and_runs_once_after_it_however_many_came_and_a_done_one_starts_at_once()
    {
        var reconciling = new OneAtATime();
        Assert.True(reconciling.TryStart());
        Assert.False(reconciling.TryStart());
        Assert.False(reconciling.TryStart());
        Assert.True(reconciling.Done());   // asked for meanwhile: the caller starts another

        Assert.True(reconciling.TryStart());
        Assert.False(reconciling.Done());  // not asked for meanwhile
        Assert.True(reconciling.TryStart());
    }
}
