namespace Memory.Embeddings;

/// <summary>A small thread-safe least-recently-used map with a fixed entry capacity.</summary>
internal sealed class LruCache<TKey, TValue>(int capacity)
    where TKey : notnull
{
    private readonly Dictionary<TKey, LinkedListNode<KeyValuePair<TKey, TValue>>> _map = [];
    private readonly LinkedList<KeyValuePair<TKey, TValue>> _order = new();
    private readonly Lock _gate = new();

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _map.Count;
            }
        }
    }

    public bool TryGet(TKey key, out TValue value)
    {
        lock (_gate)
        {
            if (_map.TryGetValue(key, out var node))
            {
                _order.Remove(node);
                _order.AddFirst(node);
                value = node.Value.Value;
                return true;
            }
        }

        value = default!;
        return false;
    }

    public void Set(TKey key, TValue value)
    {
        if (capacity <= 0)
        {
            return;
        }

        lock (_gate)
        {
            if (_map.Remove(key, out var existing))
            {
                _order.Remove(existing);
            }

            _map[key] = _order.AddFirst(new KeyValuePair<TKey, TValue>(key, value));
            while (_map.Count > capacity && _order.Last is { } last)
            {
                _order.RemoveLast();
                _map.Remove(last.Value.Key);
            }
        }
    }

    public void RemoveWhere(Func<TKey, bool> predicate)
    {
        lock (_gate)
        {
            foreach (var key in _map.Keys.Where(predicate).ToList())
            {
                _order.Remove(_map[key]);
                _map.Remove(key);
            }
        }
    }
}
