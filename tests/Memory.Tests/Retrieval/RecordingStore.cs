using Memory.Model;
using Memory.Stores;
using TestDoubles;

namespace Memory.Tests.Retrieval;

/// <summary>Passes everything to the in-memory store and records the embedding models dense searches asked for.</summary>
internal sealed class RecordingStore(InMemoryMemoryStore inner) : IMemoryStore
{
    public List<string> Models { get; } = [];

    public Task<IReadOnlyList<ScoredMemory>> SearchAsync(UserKey user, ReadOnlyMemory<float> query, string embeddingModel, MemoryFilter filter, int top, CancellationToken cancellationToken = default)
    {
        Models.Add(embeddingModel);
        return inner.SearchAsync(user, query, embeddingModel, filter, top, cancellationToken);
    }

    public Task UpsertAsync(UserKey user, IReadOnlyList<MemoryItem> memories, CancellationToken cancellationToken = default) => inner.UpsertAsync(user, memories, cancellationToken);
    public Task<MemoryItem?> GetAsync(UserKey user, string id, CancellationToken cancellationToken = default) => inner.GetAsync(user, id, cancellationToken);
    public Task<IReadOnlyList<MemoryItem>> ListAsync(UserKey user, MemoryFilter filter, CancellationToken cancellationToken = default) => inner.ListAsync(user, filter, cancellationToken);
    public Task<bool> DeleteAsync(UserKey user, string id, CancellationToken cancellationToken = default) => inner.DeleteAsync(user, id, cancellationToken);
    public Task DeleteUserAsync(UserKey user, CancellationToken cancellationToken = default) => inner.DeleteUserAsync(user, cancellationToken);
    public Task AppendHistoryAsync(UserKey user, IReadOnlyList<MemoryHistoryEntry> entries, CancellationToken cancellationToken = default) => inner.AppendHistoryAsync(user, entries, cancellationToken);
    public Task RedactHistoryAsync(UserKey user, string memoryId, CancellationToken cancellationToken = default) => inner.RedactHistoryAsync(user, memoryId, cancellationToken);
    public Task<IReadOnlyList<MemoryHistoryEntry>> GetHistoryAsync(UserKey user, string memoryId, CancellationToken cancellationToken = default) => inner.GetHistoryAsync(user, memoryId, cancellationToken);
    public Task<IReadOnlyList<MemoryHistoryEntry>> GetUserHistoryAsync(UserKey user, CancellationToken cancellationToken = default) => inner.GetUserHistoryAsync(user, cancellationToken);
    public Task<bool?> GetConsentAsync(UserKey user, CancellationToken cancellationToken = default) => inner.GetConsentAsync(user, cancellationToken);
    public Task SetConsentAsync(UserKey user, bool memory, CancellationToken cancellationToken = default) => inner.SetConsentAsync(user, memory, cancellationToken);
    public Task<IReadOnlyList<(UserKey User, MemoryItem Memory)>> ListStaleEmbeddingsAsync(string embeddingModel, int max, CancellationToken cancellationToken = default) => inner.ListStaleEmbeddingsAsync(embeddingModel, max, cancellationToken);
    public Task<bool> IsReadyAsync(CancellationToken cancellationToken = default) => inner.IsReadyAsync(cancellationToken);
}
