using Valkka.Actors.Masters;

namespace Valkka.Actors.Tests.Masters;

public class BatchQueueTests
{
    [Fact]
    public void Batches_take_the_oldest_requests_across_clients_up_to_the_limit()
    {
        var queue = new BatchQueue<string, int>(maxPerKey: 2);
        queue.Add("a", 1, 1, out _);
        queue.Add("b", 2, 2, out _);
        queue.Add("a", 3, 3, out _);
        queue.Add("c", 4, 4, out _);
        var batch = new List<(string, int)>();

        queue.TakeBatch(3, batch);

        Assert.Equal([("a", 1), ("b", 2), ("a", 3)], batch);
        Assert.Equal(1, queue.Count);
        Assert.Equal(4, queue.OldestArrivedTicks);
    }

    [Fact]
    public void A_client_at_its_limit_has_its_oldest_request_replaced_keeping_its_place_and_arrival_time()
    {
        var queue = new BatchQueue<string, int>(maxPerKey: 1);
        Assert.False(queue.Add("a", 1, 1, out _));
        Assert.False(queue.Add("b", 2, 2, out _));
        Assert.True(queue.Add("a", 3, 3, out var evicted));
        Assert.Equal(1, evicted);
        // A stream of replacements must not reset the wait: the max-wait clock runs from the first.
        Assert.True(queue.Add("a", 4, 4, out evicted));
        Assert.Equal(3, evicted);
        Assert.Equal(1, queue.OldestArrivedTicks);
        var batch = new List<(string, int)>();
        queue.TakeBatch(10, batch);
        Assert.Equal([("a", 4), ("b", 2)], batch);
    }

    [Fact]
    public void With_several_per_client_the_oldest_item_is_replaced_and_the_rest_keep_their_order()
    {
        var queue = new BatchQueue<string, int>(maxPerKey: 2);
        queue.Add("a", 1, 1, out _);
        queue.Add("b", 2, 2, out _);
        queue.Add("a", 3, 3, out _);
        Assert.True(queue.Add("a", 4, 4, out var evicted));
        Assert.Equal(1, evicted);
        Assert.True(queue.Add("a", 5, 5, out evicted));
        Assert.Equal(3, evicted);
        var batch = new List<(string, int)>();
        queue.TakeBatch(1, batch);
        Assert.Equal([("a", 4)], batch);
        Assert.False(queue.Add("a", 6, 6, out _)); // a has one waiting now: room for another
        queue.TakeBatch(10, batch);
        Assert.Equal([("b", 2), ("a", 5), ("a", 6)], batch);
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public void Removing_a_client_keeps_the_others_in_order()
    {
        var queue = new BatchQueue<string, int>(maxPerKey: 3);
        for (int i = 0; i < 9; i++) queue.Add(i % 2 == 0 ? "a" : "b", i, i, out _);
        var removed = new List<int>();
        queue.RemoveWhere((k, _) => k == "a", removed);
        Assert.Equal(3, removed.Count);
        Assert.Equal([4, 6, 8], removed.Order());
        var batch = new List<(string, int)>();
        queue.TakeBatch(10, batch);
        Assert.Equal([3, 5, 7], batch.Select(b => b.Item2).Order());
        Assert.All(batch, b => Assert.Equal("b", b.Item1));
        Assert.Equal(0, queue.Count);
    }
}
