using System.Collections.Concurrent;
using Memory.Model;

namespace Memory.Stores.Sqlite.Index;

/// <summary>The resident users' vectors under a byte budget: entries are created on a user's first search,
/// kept in least-recently-used order and evicted from the cold end when the estimated total exceeds the budget
/// (the entry in use is never evicted). Thread-safe; lock order is entry gate, then the LRU lock.</summary>
internal sealed class VectorIndexCache(long maxBytes)
{
    private readonly ConcurrentDictionary<UserKey, UserVectorEntry> _entries = new();
    private readonly LinkedList<UserVectorEntry> _lru = new();
    private readonly Lock _lruGate = new();
    private long _totalBytes;
    private long _evictions;

    public long MaxBytes { get; } = maxBytes;

    /// <summary>Estimated bytes held by resident users.</summary>
    public long ResidentBytes
    {
        get
        {
            lock (_lruGate)
            {
                return _totalBytes;
            }
        }
    }

    public int ResidentUsers => _entries.Count;

    public long Evictions => Interlocked.Read(ref _evictions);

    /// <summary>The user's entry, created empty when absent, marked most recently used.</summary>
    public UserVectorEntry Acquire(UserKey user)
    {
        while (true)
        {
            var entry = _entries.GetOrAdd(user, static u => new UserVectorEntry(u));
            lock (_lruGate)
            {
                if (entry.Dropped)
                {
                    continue; // evicted between lookup and touch: take the fresh one
                }

                if (entry.Node is null)
                {
                    entry.Node = _lru.AddFirst(entry);
                }
                else if (entry.Node != _lru.First)
                {
                    _lru.Remove(entry.Node);
                    _lru.AddFirst(entry.Node);
                }

                return entry;
            }
        }
    }

    /// <summary>The user's entry if resident, without touching its recency (writers use it to keep sets current).</summary>
    public UserVectorEntry? Find(UserKey user) => _entries.TryGetValue(user, out var entry) ? entry : null;

    /// <summary>Records the entry's new size and evicts cold entries while over budget. Call under the entry's gate.</summary>
    public void Account(UserVectorEntry entry, long bytes)
    {
        lock (_lruGate)
        {
            if (entry.Dropped)
            {
                return;
            }

            _totalBytes += bytes - entry.AccountedBytes;
            entry.AccountedBytes = bytes;
            while (_totalBytes > MaxBytes && _lru.Last is { } cold && cold.Value != entry)
            {
                DropLocked(cold.Value);
                _evictions++;
            }
        }
    }

    /// <summary>Forgets the user (erasure); a search in flight finishes on what it holds.</summary>
    public void Remove(UserKey user)
    {
        if (_entries.TryGetValue(user, out var entry))
        {
            lock (entry.Gate)
            {
                entry.Sets.Clear();
                lock (_lruGate)
                {
                    if (!entry.Dropped)
                    {
                        DropLocked(entry);
                    }
                }
            }
        }
    }

    /// <summary>Drops every resident user.</summary>
    public void Clear()
    {
        lock (_lruGate)
        {
            while (_lru.First is { } node)
            {
                DropLocked(node.Value);
            }
        }
    }

    private void DropLocked(UserVectorEntry entry)
    {
        entry.Dropped = true;
        if (entry.Node is not null)
        {
            _lru.Remove(entry.Node);
            entry.Node = null;
        }

        _totalBytes -= entry.AccountedBytes;
        entry.AccountedBytes = 0;
        _entries.TryRemove(new KeyValuePair<UserKey, UserVectorEntry>(entry.User, entry));
    }
}
