using System.Numerics.Tensors;
using Memory.Model;
using Memory.Stores;

namespace TestDoubles;

/// <summary>A complete, thread-safe <see cref="IMemoryStore"/> held in memory, for tests and evaluation: filters are
/// applied exactly, dense search is brute-force cosine over every matching vector of the asked model.</summary>
public sealed class InMemoryMemoryStore : IMemoryStore, IErasureTombstoneStore
{
    private readonly object _gate = new();
    private readonly Dictionary<UserKey, UserData> _users = [];
    private readonly Dictionary<UserKey, long> _erasures = [];
    private long _sequence;
    private long _latestErasure;

    /// <summary>Called with the operation name (<c>Upsert</c>, <c>AppendHistory</c>, <c>Delete</c>) before it runs;
    /// may throw (write-back tests simulate a crash mid-turn with it).</summary>
    public Action<string>? BeforeWrite { get; set; }

    /// <summary>How many times <see cref="UpsertAsync"/> ran.</summary>
    public int UpsertCalls { get; private set; }

    /// <summary>How many times <see cref="ListAsync"/> was called (tests check index caching with it).</summary>
    public int ListCalls { get; private set; }

    /// <summary>How many times <see cref="SearchAsync"/> was called.</summary>
    public int SearchCalls { get; private set; }

    /// <summary>The last filter passed to <see cref="SearchAsync"/>.</summary>
    public MemoryFilter? LastSearchFilter { get; private set; }

    public Task UpsertAsync(UserKey user, IReadOnlyList<MemoryItem> memories, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(memories);
        cancellationToken.ThrowIfCancellationRequested();
        BeforeWrite?.Invoke("Upsert");
        lock (_gate)
        {
            UpsertCalls++;
            var data = Data(user, create: true)!;
            foreach (var memory in memories)
            {
                var order = data.Memories.TryGetValue(memory.Id, out var existing) ? existing.Order : ++_sequence;
                data.Memories[memory.Id] = new Stored(memory, order);
            }
        }

        return Task.CompletedTask;
    }

    public Task<MemoryItem?> GetAsync(UserKey user, string id, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(Data(user)?.Memories.GetValueOrDefault(id)?.Item);
        }
    }

    public Task<IReadOnlyList<MemoryItem>> ListAsync(UserKey user, MemoryFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            ListCalls++;
            IReadOnlyList<MemoryItem> items = (Data(user)?.Memories.Values ?? Enumerable.Empty<Stored>())
                .Where(s => Matches(filter, s.Item))
                .OrderBy(s => s.Item.CreatedAt)
                .ThenBy(s => s.Order)
                .Select(s => s.Item)
                .ToList();
            return Task.FromResult(items);
        }
    }

    public Task<IReadOnlyList<ScoredMemory>> SearchAsync(
        UserKey user, ReadOnlyMemory<float> query, string embeddingModel, MemoryFilter filter, int top, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        cancellationToken.ThrowIfCancellationRequested();
        List<MemoryItem> candidates;
        lock (_gate)
        {
            SearchCalls++;
            LastSearchFilter = filter;
            candidates = (Data(user)?.Memories.Values ?? Enumerable.Empty<Stored>())
                .Select(s => s.Item)
                .Where(m => m.Embedding is not null && m.Embedding.Length == query.Length &&
                            string.Equals(m.EmbeddingModel, embeddingModel, StringComparison.Ordinal) && Matches(filter, m))
                .ToList();
        }

        IReadOnlyList<ScoredMemory> results = candidates
            .Select(m => new ScoredMemory(m, Cosine(query.Span, m.Embedding!)))
            .OrderByDescending(s => s.Score)
            .ThenBy(s => s.Memory.Id, StringComparer.Ordinal)
            .Take(Math.Max(0, top))
            .ToList();
        return Task.FromResult(results);
    }

    public Task<bool> DeleteAsync(UserKey user, string id, CancellationToken cancellationToken = default)
    {
        BeforeWrite?.Invoke("Delete");
        lock (_gate)
        {
            return Task.FromResult(Data(user)?.Memories.Remove(id) ?? false);
        }
    }

    public Task DeleteUserAsync(UserKey user, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            // A withdrawn consent outlives erasure, as in the real stores.
            var withdrawn = Data(user)?.Consent == false;
            _users.Remove(user);
            if (withdrawn)
            {
                Data(user, create: true)!.Consent = false;
            }
        }

        return Task.CompletedTask;
    }

    public Task AppendHistoryAsync(UserKey user, IReadOnlyList<MemoryHistoryEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        BeforeWrite?.Invoke("AppendHistory");
        lock (_gate)
        {
            Data(user, create: true)!.History.AddRange(entries);
        }

        return Task.CompletedTask;
    }

    public Task RedactHistoryAsync(UserKey user, string memoryId, CancellationToken cancellationToken = default)
    {
        BeforeWrite?.Invoke("RedactHistory");
        lock (_gate)
        {
            if (Data(user)?.History is { } history)
            {
                for (var i = 0; i < history.Count; i++)
                {
                    history[i] = HistoryRedaction.Redact(history[i], memoryId) ?? history[i];
                }
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<MemoryHistoryEntry>> GetHistoryAsync(UserKey user, string memoryId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            // Oldest first by time, in append order at equal times (as the stores do).
            IReadOnlyList<MemoryHistoryEntry> history = (Data(user)?.History ?? [])
                .Where(h => h.MemoryId == memoryId)
                .OrderBy(h => h.At)
                .ToList();
            return Task.FromResult(history);
        }
    }

    public Task<IReadOnlyList<MemoryHistoryEntry>> GetUserHistoryAsync(UserKey user, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<MemoryHistoryEntry> history = (Data(user)?.History ?? []).OrderBy(h => h.At).ToList();
            return Task.FromResult(history);
        }
    }

    public Task<bool?> GetConsentAsync(UserKey user, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(Data(user)?.Consent);
        }
    }

    public Task SetConsentAsync(UserKey user, bool memory, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            Data(user, create: true)!.Consent = memory;
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<(UserKey User, MemoryItem Memory)>> ListStaleEmbeddingsAsync(
        string embeddingModel, int max, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<(UserKey, MemoryItem)> stale = _users
                .SelectMany(u => u.Value.Memories.Values.OrderBy(s => s.Order).Select(s => (u.Key, s.Item)))
                .Where(p => !string.Equals(p.Item.EmbeddingModel, embeddingModel, StringComparison.Ordinal) || p.Item.Embedding is null)
                .Take(Math.Max(0, max))
                .ToList();
            return Task.FromResult(stale);
        }
    }

    public Task<bool> IsReadyAsync(CancellationToken cancellationToken = default) => Task.FromResult(true);

    private static bool Matches(MemoryFilter filter, MemoryItem item) =>
        (filter.IncludeSuperseded || item.IsCurrent) &&
        (filter.MinConfidence is not { } min || item.Confidence >= min) &&
        (filter.OccurredAfter is not { } after || item.OccurredAt >= after) &&
        (filter.Contexts is not { Count: > 0 } contexts || contexts.Contains(item.Context, StringComparer.Ordinal));

    private static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var cosine = TensorPrimitives.CosineSimilarity(a, b);
        return float.IsFinite(cosine) ? cosine : 0;
    }

    private UserData? Data(UserKey user, bool create = false)
    {
        if (_users.TryGetValue(user, out var data) || !create)
        {
            return data;
        }

        return _users[user] = new UserData();
    }

    public Task<long> GetLatestErasureGenerationAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_latestErasure);
        }
    }

    public Task<long> GetErasureGenerationAsync(UserKey user, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_erasures.GetValueOrDefault(user));
        }
    }

    /// <summary>Tombstones outlive the user's data (kept apart from it, like the stores' own tables).</summary>
    public Task<long> RecordErasureAsync(UserKey user, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _erasures[user] = ++_latestErasure;
            return Task.FromResult(_latestErasure);
        }
    }

    /// <summary>The user's current memories' texts, sorted, for assertions.</summary>
    public IReadOnlyList<string> CurrentTexts(UserKey user)
    {
        lock (_gate)
        {
            return [.. (Data(user)?.Memories.Values ?? Enumerable.Empty<Stored>()).Select(s => s.Item).Where(m => m.IsCurrent).Select(m => m.Text).Order(StringComparer.Ordinal)];
        }
    }

    /// <summary>Every memory of the user, superseded ones too, for assertions.</summary>
    public IReadOnlyList<MemoryItem> All(UserKey user)
    {
        lock (_gate)
        {
            return [.. (Data(user)?.Memories.Values ?? Enumerable.Empty<Stored>()).Select(s => s.Item)];
        }
    }

    private sealed record Stored(MemoryItem Item, long Order);

    private sealed class UserData
    {
        public Dictionary<string, Stored> Memories { get; } = new(StringComparer.Ordinal);
        public List<MemoryHistoryEntry> History { get; } = [];
        public bool? Consent { get; set; }
    }
}
