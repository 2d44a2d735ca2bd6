using Valkka.Nodes.Launcher;

namespace Valkka.Nodes.Tests.Launcher;

/// <summary>At most as many node processes start at once as the gate is wide; a turn ends when the node is up, or at its limit.</summary>
public class NodeStartGateTests
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task A_start_waits_until_a_running_start_ends()
    {
        var gate = new NodeStartGate(2, Long);
        var first = await gate.EnterAsync(CancellationToken.None);
        using var second = await gate.EnterAsync(CancellationToken.None);
        var third = gate.EnterAsync(CancellationToken.None);
        Assert.False(third.IsCompleted);
        first.Dispose();
        using var turn = await third.WaitAsync(TimeSpan.FromSeconds(10));
        first.Dispose();   // ending a turn twice frees one slot only
        using var stop = new CancellationTokenSource();
        var fourth = gate.EnterAsync(stop.Token);
        Assert.False(fourth.IsCompleted);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fourth);
    }

    [Fact]
    public async Task A_turn_that_never_ends_frees_its_slot_at_the_limit()
    {
        var gate = new NodeStartGate(1, TimeSpan.FromMilliseconds(300));
        _ = await gate.EnterAsync(CancellationToken.None);   // a node that never reports
        using var next = await gate.EnterAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Waiting_for_a_turn_ends_when_the_run_stops()
    {
        var gate = new NodeStartGate(1, Long);
        using var only = await gate.EnterAsync(CancellationToken.None);
        using var stop = new CancellationTokenSource();
        var waiting = gate.EnterAsync(stop.Token);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }
}
