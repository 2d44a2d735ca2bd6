namespace Valkka.Actors.Masters;

/// <summary>
/// The master's waiting requests, in arrival order across all clients, with at most a fixed number
/// per client: a newer request of a client at its limit replaces that client's oldest (latest wins).
/// </summary>
public sealed class BatchQueue<TKey, TItem>(int maxPerKey) where TKey : notnull
{
    private readonly LinkedList<(TKey Key, TItem Item, long ArrivedTicks)> _order = new();
    private readonly Dictionary<TKey, Queue<LinkedListNode<(TKey Key, TItem Item, long ArrivedTicks)>>> _byKey = new();

    public int MaxPerKey { get; } = maxPerKey >= 1 ? maxPerKey : throw new ArgumentOutOfRangeException(nameof(maxPerKey), maxPerKey, "must be at least 1");
    public int Count => _order.Count;

    /// <summary>When the oldest waiting request arrived (Stopwatch ticks), or null when empty.</summary>
    public long? OldestArrivedTicks => _order.First?.Value.ArrivedTicks;

    /// <summary>Adds item for key. Returns true with the replaced item when key was at its limit.</summary>
    public bool Add(TKey key, TItem item, long arrivedTicks, out TItem evicted)
    {
        if (!_byKey.TryGetValue(key, out var queue))
        {
            queue = new Queue<LinkedListNode<(TKey, TItem, long)>>();
            _byKey.Add(key, queue);
        }
        bool replaced = false;
        evicted = default!;
        if (queue.Count >= MaxPerKey)
        {
            var oldest = queue.Dequeue();
            _order.Remove(oldest);
            evicted = oldest.Value.Item;
            replaced = true;
        }
        queue.Enqueue(_order.AddLast((key, item, arrivedTicks)));
        return replaced;
    }

    /// <summary>Moves up to max of the oldest requests into batch (cleared first).</summary>
    public void TakeBatch(int max, List<(TKey Key, TItem Item)> batch)
    {
        batch.Clear();
        while (batch.Count < max && _order.First is { } node)
        {
            _order.RemoveFirst();
            var queue = _byKey[node.Value.Key];
            queue.Dequeue(); // per key, arrival order matches the global order
            if (queue.Count == 0) _byKey.Remove(node.Value.Key);
            batch.Add((node.Value.Key, node.Value.Item));
        }
    }

    /// <summary>Removes every request matching the predicate (a client or ring that went away).</summary>
    public void RemoveWhere(Func<TKey, TItem, bool> predicate, List<TItem> removed)
    {
        var node = _order.First;
        while (node is not null)
        {
            var next = node.Next;
            if (predicate(node.Value.Key, node.Value.Item))
            {
                _order.Remove(node);
                var queue = _byKey[node.Value.Key];
                var kept = queue.Where(n => n != node).ToList();
                if (kept.Count == 0) _byKey.Remove(node.Value.Key);
                else _byKey[node.Value.Key] = new Queue<LinkedListNode<(TKey, TItem, long)>>(kept);
                removed.Add(node.Value.Item);
            }
            node = next;
        }
    }
}
