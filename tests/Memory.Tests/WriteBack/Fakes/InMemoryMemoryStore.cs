using System.Numerics.Tensors;
using Memory.Model;
using Memory.Stores;

namespace Memory.Tests.WriteBack;

/// <summary>A hand-written in-memory <see cref="IMemoryStore"/> for write-back tests, with an optional fault
/// hook that throws before a named operation (to simulate a crash mid-turn).</summary>
internal sealed class InMemoryMemoryStore : IMemoryStore
{
    private readonly object _gate = new();
    private readonly Dictionary<UserKey, Dictionary<string, MemoryItem>> _memories = [];
    private readonly Dictionary<UserKey, List<MemoryHistoryEntry>> _history = [];
    private readonly Dictionary<UserKey, bool> _consent = [];

    /// <summary>Called with the operation name ("Upsert", "AppendHistory", "Delete") before it runs; may throw.</summary>
    public Action<string>? BeforeWrite { get; set; }

    public int UpsertCalls { get; private set; }

    public Task UpsertAsync(UserKey user, IReadOnlyList<MemoryItem> memories, CancellationToken cancellationToken = default)
    {
        BeforeWrite?.Invoke("Upsert");
        lock (_gate)
        {
            UpsertCalls++;
            var map = Map(user);
            foreach (var m in memories)
            {
                map[m.Id] = m;
            }
        }

        return Task.CompletedTask;
    }

    public Task<MemoryItem?> GetAsync(UserKey user, string id, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(Map(user).GetValueOrDefault(id));
        }
    }

    public Task<IReadOnlyList<MemoryItem>> ListAsync(UserKey user, MemoryFilter filter, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<MemoryItem> list = [.. Map(user).Values.Where(m => Matches(m, filter)).OrderBy(m => m.CreatedAt)];
            return Task.FromResult(list);
        }
    }

    public Task<IReadOnlyList<ScoredMemory>> SearchAsync(UserKey user, ReadOnlyMemory<float> query, string embeddingModel, MemoryFilter filter, int top,
        CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var q = query.ToArray();
            IReadOnlyList<ScoredMemory> hits = [.. Map(user).Values
                .Where(m => Matches(m, filter) && m.EmbeddingModel == embeddingModel && m.Embedding is { } e && e.Length == q.Length)
                .Select(m => new ScoredMemory(m, TensorPrimitives.CosineSimilarity(q, m.Embedding!)))
                .OrderByDescending(s => s.Score)
                .Take(top)];
            return Task.FromResult(hits);
        }
    }

    public Task<bool> DeleteAsync(UserKey user, string id, CancellationToken cancellationToken = default)
    {
        BeforeWrite?.Invoke("Delete");
        lock (_gate)
        {
            return Task.FromResult(Map(user).Remove(id));
        }
    }

    public Task DeleteUserAsync(UserKey user, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _memories.Remove(user);
            _history.Remove(user);
            _consent.Remove(user);
        }

        return Task.CompletedTask;
    }

    public Task AppendHistoryAsync(UserKey user, IReadOnlyList<MemoryHistoryEntry> entries, CancellationToken cancellationToken = default)
    {
        BeforeWrite?.Invoke("AppendHistory");
        lock (_gate)
        {
            if (!_history.TryGetValue(user, out var list))
            {
                _history[user] = list = [];
            }

            list.AddRange(entries);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<MemoryHistoryEntry>> GetHistoryAsync(UserKey user, string memoryId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<MemoryHistoryEntry> list = [.. _history.GetValueOrDefault(user, []).Where(e => e.MemoryId == memoryId)];
            return Task.FromResult(list);
        }
    }

    public Task<IReadOnlyList<MemoryHistoryEntry>> GetUserHistoryAsync(UserKey user, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<MemoryHistoryEntry> list = [.. _history.GetValueOrDefault(user, [])];
            return Task.FromResult(list);
        }
    }

    public Task<bool?> GetConsentAsync(UserKey user, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_consent.TryGetValue(user, out var c) ? c : (bool?)null);
        }
    }

    public Task SetConsentAsync(UserKey user, bool memory, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _consent[user] = memory;
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<(UserKey User, MemoryItem Memory)>> ListStaleEmbeddingsAsync(string embeddingModel, int max, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<(UserKey, MemoryItem)>>([]);

    public Task<bool> IsReadyAsync(CancellationToken cancellationToken = default) => Task.FromResult(true);

    /// <summary>Current memories' texts, sorted, for assertions.</summary>
    public IReadOnlyList<string> CurrentTexts(UserKey user)
    {
        lock (_gate)
        {
            return [.. Map(user).Values.Where(m => m.IsCurrent).Select(m => m.Text).Order(StringComparer.Ordinal)];
        }
    }

    public IReadOnlyList<MemoryItem> All(UserKey user)
    {
        lock (_gate)
        {
            return [.. Map(user).Values];
        }
    }

    private Dictionary<string, MemoryItem> Map(UserKey user)
    {
        if (!_memories.TryGetValue(user, out var map))
        {
            _memories[user] = map = new Dictionary<string, MemoryItem>(StringComparer.Ordinal);
        }

        return map;
    }

    private static bool Matches(MemoryItem m, MemoryFilter filter) =>
        (filter.IncludeSuperseded || m.IsCurrent) &&
        (filter.MinConfidence is null || m.Confidence >= filter.MinConfidence) &&
        (filter.Contexts is null || filter.Contexts.Contains(m.Context)) &&
        (filter.OccurredAfter is null || m.OccurredAt >= filter.OccurredAfter);
}
