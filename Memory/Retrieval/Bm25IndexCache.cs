using Memory.Cluster;
using Memory.Model;

namespace Memory.Retrieval;

/// <summary>Per-user BM25 indexes, built once and shared by concurrent searches, bounded by an estimated memory size
/// with least-recently-used eviction, dropped on invalidation and rebuilt after a time to live. Keyed by tenant,
/// user and whether superseded memories are included, so no index ever serves another user.</summary>
internal sealed class Bm25IndexCache
{
    private readonly object _gate = new();
    private readonly Dictionary<Key, LinkedListNode<Entry>> _entries = [];
    private readonly LinkedList<Entry> _lru = new();
    private readonly long _maxBytes;
    private readonly TimeSpan _timeToLive;
    private readonly TimeProvider _time;
    private long _bytes;

    public Bm25IndexCache(long maxBytes, TimeSpan timeToLive, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 1);
        _maxBytes = maxBytes;
        _timeToLive = timeToLive;
        _time = time;
    }

    /// <summary>Indexes currently held (built or building).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Estimated bytes of the built indexes held.</summary>
    public long EstimatedBytes
    {
        get
        {
            lock (_gate)
            {
                return _bytes;
            }
        }
    }

    /// <summary>Raised (outside the lock) with the number of indexes and bytes evicted to stay within the bound.</summary>
    public event Action<int, long>? Evicted;

    /// <summary>The cached index, or one built now with <paramref name="build"/> (a build is shared by all callers
    /// and not cancelled when one of them gives up).</summary>
    public Task<Bm25Index> GetOrBuildAsync(
        UserKey user, bool includeSuperseded, Func<CancellationToken, Task<Bm25Index>> build, CancellationToken cancellationToken = default) =>
        GetOrBuildAsync(user, includeSuperseded, CacheStamp.Local, build, cancellationToken);

    /// <summary>As above, but an index serves only requests of the same <paramref name="stamp"/> (the user's cluster
    /// generation); without a stamp (Redis down) the index is built for this request alone and not cached.</summary>
    public async Task<Bm25Index> GetOrBuildAsync(
        UserKey user, bool includeSuperseded, CacheStamp? stamp, Func<CancellationToken, Task<Bm25Index>> build, CancellationToken cancellationToken = default)
    {
        if (stamp is not { } current)
        {
            return await build(cancellationToken).ConfigureAwait(false);
        }

        var key = new Key(user, includeSuperseded);
        Entry entry;
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var node) && !IsExpired(node.Value) && node.Value.Stamp == current)
            {
                _lru.Remove(node);
                _lru.AddFirst(node);
                entry = node.Value;
            }
            else
            {
                if (node is not null)
                {
                    RemoveLocked(node);
                }

                entry = new Entry(key, current, build);
                _entries[key] = _lru.AddFirst(entry);
            }
        }

        Bm25Index index;
        try
        {
            index = await entry.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (entry.Task.IsFaulted || entry.Task.IsCanceled)
        {
            Forget(entry);
            throw;
        }

        Account(entry, index);
        return index;
    }

    /// <summary>Drops the user's indexes; the next search rebuilds them from the store.</summary>
    public void Invalidate(UserKey user)
    {
        lock (_gate)
        {
            foreach (var includeSuperseded in (ReadOnlySpan<bool>)[false, true])
            {
                if (_entries.TryGetValue(new Key(user, includeSuperseded), out var node))
                {
                    RemoveLocked(node);
                }
            }
        }
    }

    private bool IsExpired(Entry entry) =>
        entry.Task.IsCompletedSuccessfully && _time.GetUtcNow() - entry.Task.Result.BuiltAt > _timeToLive;

    private void Account(Entry entry, Bm25Index index)
    {
        var evicted = 0;
        long evictedBytes = 0;
        lock (_gate)
        {
            if (entry.Size > 0 || !_entries.TryGetValue(entry.Key, out var node) || !ReferenceEquals(node.Value, entry))
            {
                return; // already counted, or invalidated while it was building
            }

            entry.Size = index.EstimatedBytes;
            _bytes += entry.Size;
            var cursor = _lru.Last;
            while (_bytes > _maxBytes && cursor is not null)
            {
                var previous = cursor.Previous;
                if (cursor.Value.Size > 0)
                {
                    evictedBytes += cursor.Value.Size;
                    evicted++;
                    RemoveLocked(cursor);
                }

                cursor = previous;
            }
        }

        if (evicted > 0)
        {
            Evicted?.Invoke(evicted, evictedBytes);
        }
    }

    private void Forget(Entry entry)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(entry.Key, out var node) && ReferenceEquals(node.Value, entry))
            {
                RemoveLocked(node);
            }
        }
    }

    private void RemoveLocked(LinkedListNode<Entry> node)
    {
        _entries.Remove(node.Value.Key);
        _lru.Remove(node);
        _bytes -= node.Value.Size;
        node.Value.Size = 0;
    }

    private readonly record struct Key(UserKey User, bool IncludeSuperseded);

    private sealed class Entry(Key key, CacheStamp stamp, Func<CancellationToken, Task<Bm25Index>> build)
    {
        public CacheStamp Stamp { get; } = stamp;

        private readonly Lazy<Task<Bm25Index>> _task = new(() => System.Threading.Tasks.Task.Run(() => build(CancellationToken.None)));

        public Key Key { get; } = key;

        public Task<Bm25Index> Task => _task.Value;

        /// <summary>Bytes accounted for this entry; 0 until built (or once removed).</summary>
        public long Size { get; set; }
    }
}
