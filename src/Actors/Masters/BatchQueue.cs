using Valkka.Media.Decoding;

namespace Valkka.Actors.Masters;

/// <summary>
/// The master's waiting requests, in arrival order across all clients, with at most a fixed number
/// per client. A newer request of a client at its limit replaces that client's oldest one (latest
/// wins) and takes over its place in line and its arrival time: the client has been waiting since
/// then, so a stream of replacements can never push its batch past the max wait.
/// </summary>
internal sealed class BatchQueue<TKey, TItem>(int maxPerKey) where TKey : notnull
{
    private readonly LinkedList<Entry> _order = new();
    // Per key, its nodes in _order from the oldest item to the newest.
    private readonly Dictionary<TKey, List<LinkedListNode<Entry>>> _byKey = new();

    private readonly record struct Entry(TKey Key, TItem Item, long ArrivedTicks);

    public int MaxPerKey { get; } = maxPerKey >= 1 ? maxPerKey : throw new ArgumentOutOfRangeException(nameof(maxPerKey), maxPerKey, "must be at least 1");
    public int Count => _order.Count;

    /// <summary>When the request first in line arrived (Stopwatch ticks), or null when empty.</summary>
    public long? OldestArrivedTicks => _order.First?.Value.ArrivedTicks;

    /// <summary>Adds item for key. Returns true with the replaced item when key was at its limit.</summary>
    public bool Add(TKey key, TItem item, long arrivedTicks, out TItem evicted)
    {
        if (!_byKey.TryGetValue(key, out var nodes))
        {
            nodes = new List<LinkedListNode<Entry>>(MaxPerKey);
            _byKey.Add(key, nodes);
        }
        if (nodes.Count >= MaxPerKey)
        {
            var oldest = nodes[0];
            nodes.RemoveAt(0);
            evicted = oldest.Value.Item;
            oldest.Value = oldest.Value with { Item = item };
            nodes.Add(oldest);
            return true;
        }
        evicted = default!;
        nodes.Add(_order.AddLast(new Entry(key, item, arrivedTicks)));
        return false;
    }

    /// <summary>Moves up to max requests, first in line first, into batch (cleared first).</summary>
    public void TakeBatch(int max, List<(TKey Key, TItem Item)> batch)
    {
        batch.Clear();
        while (batch.Count < max && _order.First is { } node)
        {
            _order.RemoveFirst();
            Forget(node);
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
                Forget(node);
                removed.Add(node.Value.Item);
            }
            node = next;
        }
    }

    private void Forget(LinkedListNode<Entry> node)
    {
        var nodes = _byKey[node.Value.Key];
        nodes.Remove(node);
        if (nodes.Count == 0) _byKey.Remove(node.Value.Key);
    }
}
