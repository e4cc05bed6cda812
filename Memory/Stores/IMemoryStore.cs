using Memory.Model;

namespace Memory.Stores;

/// <summary>Durable storage of memories, their vectors, history and consent. Implementations: SQLite (embedded
/// default) and Qdrant. Every call is scoped to one <see cref="UserKey"/>; one shared conformance suite in
/// tests/Memory.Tests/Conformance runs against each.</summary>
public interface IMemoryStore
{
    /// <summary>Inserts or replaces memories by id, durably, with their embedding and model id.</summary>
    Task UpsertAsync(UserKey user, IReadOnlyList<MemoryItem> memories, CancellationToken cancellationToken = default);

    Task<MemoryItem?> GetAsync(UserKey user, string id, CancellationToken cancellationToken = default);

    /// <summary>All the user's memories matching the filter, oldest first, with embeddings.</summary>
    Task<IReadOnlyList<MemoryItem>> ListAsync(UserKey user, MemoryFilter filter, CancellationToken cancellationToken = default);

    /// <summary>Dense search: the <paramref name="top"/> memories most similar (cosine) to <paramref name="query"/>
    /// among those embedded by <paramref name="embeddingModel"/> and matching <paramref name="filter"/>.</summary>
    Task<IReadOnlyList<ScoredMemory>> SearchAsync(UserKey user, ReadOnlyMemory<float> query, string embeddingModel, MemoryFilter filter, int top, CancellationToken cancellationToken = default);

    Task<bool> DeleteAsync(UserKey user, string id, CancellationToken cancellationToken = default);

    /// <summary>Removes every memory, history entry and given consent of the user, leaving no trace of its text; a
    /// withdrawn consent stays withdrawn (it holds no text, and "forget me" must not turn into "remember me").</summary>
    Task DeleteUserAsync(UserKey user, CancellationToken cancellationToken = default);

    Task AppendHistoryAsync(UserKey user, IReadOnlyList<MemoryHistoryEntry> entries, CancellationToken cancellationToken = default);

    /// <summary>Removes the content of every history snapshot of memory <paramref name="memoryId"/> (text, sources and
    /// metadata: <see cref="HistoryRedaction"/>), in its own entries and in any other entry that holds it (the memory
    /// that superseded it), keeping events, instants, actors and reasons. Idempotent.</summary>
    Task RedactHistoryAsync(UserKey user, string memoryId, CancellationToken cancellationToken = default);

    /// <summary>History of one memory, oldest first.</summary>
    Task<IReadOnlyList<MemoryHistoryEntry>> GetHistoryAsync(UserKey user, string memoryId, CancellationToken cancellationToken = default);

    /// <summary>All history of the user (for export), oldest first.</summary>
    Task<IReadOnlyList<MemoryHistoryEntry>> GetUserHistoryAsync(UserKey user, CancellationToken cancellationToken = default);

    /// <summary>The stored consent, or null when the user never set one.</summary>
    Task<bool?> GetConsentAsync(UserKey user, CancellationToken cancellationToken = default);

    Task SetConsentAsync(UserKey user, bool memory, CancellationToken cancellationToken = default);

    /// <summary>Memories of any user not embedded by <paramref name="embeddingModel"/>, for background re-embedding.</summary>
    Task<IReadOnlyList<(UserKey User, MemoryItem Memory)>> ListStaleEmbeddingsAsync(string embeddingModel, int max, CancellationToken cancellationToken = default);

    /// <summary>True when the store is open and reachable (readiness).</summary>
    Task<bool> IsReadyAsync(CancellationToken cancellationToken = default);
}
